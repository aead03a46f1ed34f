import type { Actor } from '@shanyu/common';
import { PublishRuleDocumentRequest, RegistryRpc } from '@shanyu/contracts';
import { Caller, Handles, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PublishRuleDocument } from './publish-rule-document.use-case.js';

/** `registry.rules.publish` (the reads, `registry.rules.effective|diff|documents`, are ruleHandlersFor('registry')). */
@Controller()
export class RuleDocumentHandlers {
  constructor(private readonly publishRuleDocument: PublishRuleDocument) {}

  @Handles(RegistryRpc.publishRules)
  publish(@Payload() body: PublishRuleDocumentRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishRuleDocument.execute(body, actor, requestId);
  }
}
