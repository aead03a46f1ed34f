import type { Actor } from '@shanyu/common';
import { FilingDecisionRequest, FilingIdRequest, ListFilingsRequest, ReceiptNoRequest, RegistryRpc, SubmitFilingRequest } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DecideFiling } from './decide-filing.use-case.js';
import { GetFiling } from './get-filing.query.js';
import { ListFilings } from './list-filings.query.js';
import { GetReceipt, VerifyReceipt } from './receipts.query.js';
import { SubmitFiling } from './submit-filing.use-case.js';

/** NATS subjects `registry.filing.*` and the public receipt check. */
@Controller()
export class FilingHandlers {
  constructor(
    private readonly submitFiling: SubmitFiling,
    private readonly decideFiling: DecideFiling,
    private readonly getFiling: GetFiling,
    private readonly listFilings: ListFilings,
    private readonly getReceipt: GetReceipt,
    private readonly verifyReceipt: VerifyReceipt,
  ) {}

  @Handles(RegistryRpc.submitFiling)
  submit(@Payload() body: SubmitFilingRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.submitFiling.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.decideFiling)
  decide(@Payload() body: FilingDecisionRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.decideFiling.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.getFiling)
  get(@Payload() body: FilingIdRequest, @Caller() actor: Actor) {
    return this.getFiling.execute(body.id, actor);
  }

  @Handles(RegistryRpc.listFilings)
  list(@Payload() body: ListFilingsRequest, @Caller() actor: Actor) {
    return this.listFilings.execute(body, actor);
  }

  @Handles(RegistryRpc.getReceipt)
  receipt(@Payload() body: FilingIdRequest, @Caller() actor: Actor) {
    return this.getReceipt.execute(body.id, actor);
  }

  /** Public: no caller identity needed. */
  @Handles(RegistryRpc.publicVerifyReceipt)
  verify(@Payload() body: ReceiptNoRequest) {
    return this.verifyReceipt.execute(body.receiptNo);
  }
}
