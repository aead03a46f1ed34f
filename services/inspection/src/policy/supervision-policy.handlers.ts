import type { Actor } from '@shanyu/common';
import { InspectionRpc, PublishSupervisionPolicyBody } from '@shanyu/contracts';
import { Caller, Handles, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PublishSupervisionPolicy } from './supervision-policy.use-cases.js';

/** `inspection.supervision-policy.*`: the supervision policy (rule family supervision). Reading is `inspection.rules.*`. */
@Controller()
export class SupervisionPolicyHandlers {
  constructor(private readonly publishPolicy: PublishSupervisionPolicy) {}

  @Handles(InspectionRpc.publishSupervisionPolicy)
  publish(@Payload() body: PublishSupervisionPolicyBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishPolicy.execute(body, actor, requestId);
  }
}
