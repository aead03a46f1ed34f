import type { Actor } from '@shanyu/common';
import { InspectionRpc, PublishRuleDocumentRequest } from '@shanyu/contracts';
import { Caller, Handles, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PublishSupervisionPolicy } from './supervision-policy.use-cases.js';

/** `inspection.rules.publish`: the supervision policy (rule family supervision). Reading is `inspection.rules.effective|diff|documents`. */
@Controller()
export class SupervisionPolicyHandlers {
  constructor(private readonly publishPolicy: PublishSupervisionPolicy) {}

  @Handles(InspectionRpc.publishRules)
  publish(@Payload() body: PublishRuleDocumentRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishPolicy.execute(body, actor, requestId);
  }
}
