import type { Actor } from '@shanyu/common';
import {
  ApproveRunRequest,
  LedgerQuery,
  ListPoliciesRequest,
  ListRunsRequest,
  PublishPolicyBody,
  RosterRef,
  RunLinesRequest,
  RunRef,
  RunTotalsRequest,
  StartRunRequest,
  SubmitRosterRequest,
  SubsidyRpc,
} from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListPolicies, PublishPolicy } from './policies/policy-store.js';
import { GetRoster } from './rosters/roster.query.js';
import { SubmitRoster } from './rosters/submit-roster.use-case.js';
import { ApproveRun } from './runs/approve-run.use-case.js';
import { GetRun, ListLedger, ListRuns, RunLines, RunTotalsQuery } from './runs/run.queries.js';
import { StartRun } from './runs/start-run.use-case.js';

@Controller()
export class RosterHandlers {
  constructor(
    private readonly submitRoster: SubmitRoster,
    private readonly getRoster: GetRoster,
  ) {}

  @Handles(SubsidyRpc.submitRoster)
  submit(@Payload() body: SubmitRosterRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.submitRoster.execute(body, actor, requestId);
  }

  @Handles(SubsidyRpc.getRoster)
  get(@Payload() body: RosterRef, @Caller() actor: Actor) {
    return this.getRoster.execute(body, actor);
  }
}

@Controller()
export class PolicyHandlers {
  constructor(
    private readonly listPolicies: ListPolicies,
    private readonly publishPolicy: PublishPolicy,
  ) {}

  @Handles(SubsidyRpc.listPolicies)
  list(@Payload() body: ListPoliciesRequest) {
    return this.listPolicies.execute(body);
  }

  @Handles(SubsidyRpc.publishPolicy)
  publish(@Payload() body: PublishPolicyBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishPolicy.execute(body, actor, requestId);
  }
}

@Controller()
export class RunHandlers {
  constructor(
    private readonly startRun: StartRun,
    private readonly getRun: GetRun,
    private readonly listRuns: ListRuns,
    private readonly runLines: RunLines,
    private readonly runTotals: RunTotalsQuery,
    private readonly approveRun: ApproveRun,
    private readonly ledger: ListLedger,
  ) {}

  @Handles(SubsidyRpc.startRun)
  start(@Payload() body: StartRunRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.startRun.execute(body, actor, requestId);
  }

  @Handles(SubsidyRpc.getRun)
  get(@Payload() body: RunRef, @Caller() actor: Actor) {
    return this.getRun.execute(body, actor);
  }

  @Handles(SubsidyRpc.listRuns)
  list(@Payload() body: ListRunsRequest, @Caller() actor: Actor) {
    return this.listRuns.execute(body, actor);
  }

  @Handles(SubsidyRpc.runLines)
  lines(@Payload() body: RunLinesRequest, @Caller() actor: Actor) {
    return this.runLines.execute(body, actor);
  }

  @Handles(SubsidyRpc.runTotals)
  totals(@Payload() body: RunTotalsRequest, @Caller() actor: Actor) {
    return this.runTotals.execute(body, actor);
  }

  @Handles(SubsidyRpc.approveRun)
  approve(@Payload() body: ApproveRunRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.approveRun.execute(body, actor, requestId);
  }

  @Handles(SubsidyRpc.listLedger)
  listLedger(@Payload() body: LedgerQuery, @Caller() actor: Actor) {
    return this.ledger.execute(body, actor);
  }
}
