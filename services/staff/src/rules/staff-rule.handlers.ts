import type { Actor } from '@shanyu/common';
import { PublishRuleDocumentRequest, StaffRpc } from '@shanyu/contracts';
import { Caller, Handles, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PublishStaffRules } from './publish-staff-rules.use-case.js';

/** `staff.rules.publish` (the reads, `staff.rules.effective|diff|documents`, are ruleHandlersFor('staff')). */
@Controller()
export class StaffRuleHandlers {
  constructor(private readonly publishStaffRules: PublishStaffRules) {}

  @Handles(StaffRpc.publishRules)
  publish(@Payload() body: PublishRuleDocumentRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishStaffRules.execute(body, actor, requestId);
  }
}
