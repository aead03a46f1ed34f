import type { Actor } from '@shanyu/common';
import {
  CreditListRequest,
  CreditRpc,
  DecideRepairRequest,
  GetCreditRequest,
  ListRepairRequestsRequest,
  PublicCreditListRequest,
  PublicCreditRequest,
  RepairIdRequest,
  RequestRepairRequest,
} from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreditLists, GetCredit, ListCreditModels, PublicCredit } from './queries/credit.queries.js';
import { DecideRepair, RepairQueries, RequestRepair } from './repair/repair.use-cases.js';

@Controller()
export class CreditHandlers {
  constructor(
    private readonly getCredit: GetCredit,
    private readonly lists: CreditLists,
    private readonly models: ListCreditModels,
    private readonly requestRepair: RequestRepair,
    private readonly decideRepair: DecideRepair,
    private readonly repairs: RepairQueries,
    private readonly publicCredit: PublicCredit,
  ) {}

  @Handles(CreditRpc.getCredit)
  get(@Payload() body: GetCreditRequest, @Caller() actor: Actor) {
    return this.getCredit.execute(body, actor);
  }

  @Handles(CreditRpc.getList)
  list(@Payload() body: CreditListRequest, @Caller() actor: Actor) {
    return this.lists.execute(body, actor);
  }

  @Handles(CreditRpc.listModels)
  listModels() {
    return this.models.execute();
  }

  @Handles(CreditRpc.requestRepair)
  request(@Payload() body: RequestRepairRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.requestRepair.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.decideRepair)
  decide(@Payload() body: DecideRepairRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.decideRepair.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.getRepair)
  getRepair(@Payload() body: RepairIdRequest, @Caller() actor: Actor) {
    return this.repairs.get(body.id, actor);
  }

  @Handles(CreditRpc.listRepairs)
  listRepairs(@Payload() body: ListRepairRequestsRequest, @Caller() actor: Actor) {
    return this.repairs.list(body, actor);
  }

  /** 公示: no actor header needed. */
  @Handles(CreditRpc.publicGetGrade)
  publicGet(@Payload() body: PublicCreditRequest) {
    return this.publicCredit.get(body.id);
  }

  @Handles(CreditRpc.publicListGrades)
  publicList(@Payload() body: PublicCreditListRequest) {
    return this.publicCredit.list(body);
  }
}
