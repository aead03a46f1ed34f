import type { PiiCipher } from '@shanyu/common';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { RULE_DOCUMENTS, ruleHandlersFor, type ServiceRuntime } from '@shanyu/messaging';
import { SubsidyAccessPolicy } from './access/subsidy-access.policy.js';
import { ComputeSubsidyIndicators } from './indicators/compute-subsidy-indicators.query.js';
import { SubsidyIndicatorHandlers } from './indicators/indicators.handlers.js';
import { ListPolicies, PublishPolicy, SubsidyRuleDocuments } from './policies/policy-store.js';
import { GetRoster } from './rosters/roster.query.js';
import { SubmitRoster } from './rosters/submit-roster.use-case.js';
import { ApproveRun } from './runs/approve-run.use-case.js';
import { GetRun, ListLedger, ListRuns, RunLines, RunTotalsQuery } from './runs/run.queries.js';
import type { RunWorker } from './runs/run-worker.js';
import { StartRun } from './runs/start-run.use-case.js';
import { PolicyHandlers, RosterHandlers, RunHandlers } from './subsidy.handlers.js';

export interface SubsidyDependencies {
  runtime: ServiceRuntime;
  cipher: PiiCipher;
  worker: RunWorker;
  /** The clock months are judged by ("future" rosters and runs); tests move it. */
  now: () => Date;
}

@Module({})
export class SubsidyModule {
  static register({ runtime, cipher, worker, now }: SubsidyDependencies): DynamicModule {
    const { unitOfWork: uow, dataSource: ds } = runtime;
    const access = new SubsidyAccessPolicy();
    const useCases: Provider[] = [
      { provide: SubmitRoster, useValue: new SubmitRoster(uow, access, cipher, now) },
      { provide: GetRoster, useValue: new GetRoster(ds, access) },
      { provide: ListPolicies, useValue: new ListPolicies(ds) },
      { provide: PublishPolicy, useValue: new PublishPolicy(uow) },
      { provide: RULE_DOCUMENTS, useValue: new SubsidyRuleDocuments(ds) },
      { provide: StartRun, useValue: new StartRun(uow, access, worker, now) },
      { provide: GetRun, useValue: new GetRun(ds, access) },
      { provide: ListRuns, useValue: new ListRuns(ds, access) },
      { provide: RunLines, useValue: new RunLines(ds, access) },
      { provide: RunTotalsQuery, useValue: new RunTotalsQuery(ds, access) },
      { provide: ApproveRun, useValue: new ApproveRun(uow, access) },
      { provide: ListLedger, useValue: new ListLedger(ds, access) },
      { provide: ComputeSubsidyIndicators, useValue: new ComputeSubsidyIndicators(ds, now) },
    ];
    return {
      module: SubsidyModule,
      controllers: [RosterHandlers, PolicyHandlers, RunHandlers, SubsidyIndicatorHandlers, ruleHandlersFor('subsidy')],
      providers: [...useCases],
    };
  }
}
