import type { Actor } from '@shanyu/common';
import { CreditRpc, PublishRuleDocumentRequest } from '@shanyu/contracts';
import { Caller, Handles, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PublishCreditModel } from './publish-credit-model.use-case.js';

/** `credit.rules.publish` (the reads, `credit.rules.effective|diff|documents`, are ruleHandlersFor('credit')). */
@Controller()
export class CreditRuleHandlers {
  constructor(private readonly publishCreditModel: PublishCreditModel) {}

  @Handles(CreditRpc.publishRules)
  publish(@Payload() body: PublishRuleDocumentRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishCreditModel.execute(body, actor, requestId);
  }
}
