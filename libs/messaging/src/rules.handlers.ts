import {
  diffRuleSets,
  DomainError,
  jurisdictionLevel,
  jurisdictionName,
  resolveRules,
  type RuleDocument,
  type RuleFamily,
  shanghaiToday,
} from '@shanyu/common';
import {
  EffectiveRulesRequest,
  type ResolvedRulesView,
  RuleDiffRequest,
  type RuleDocumentView,
  RuleDocumentsRequest,
  type RuleSetDiffView,
  RULE_FAMILY_SERVICES,
} from '@shanyu/contracts';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';

/** A stored rule document and whether it shipped with the platform or was published through the API. */
export type StoredRuleDocument = RuleDocument & { origin: 'built-in' | 'published' };

/** Where a service keeps the rule documents of its families (built-in and published, every version). */
export interface RuleDocumentSource {
  documents(family: RuleFamily): Promise<StoredRuleDocument[]>;
}

/** Nest token of the service's RuleDocumentSource. */
export const RULE_DOCUMENTS = Symbol('RULE_DOCUMENTS');

/**
 * `<service>.rules.effective|diff|documents` for the families the service keeps: rules are
 * public law, so any caller may read them; the service's RuleDocumentSource supplies them.
 */
export function ruleHandlersFor(service: string): Type<unknown> {
  @Controller()
  class RuleHandlers {
    constructor(@Inject(RULE_DOCUMENTS) private readonly source: RuleDocumentSource) {}

    @MessagePattern(`${service}.rules.effective`)
    async effective(@Payload() body: EffectiveRulesRequest): Promise<ResolvedRulesView> {
      return this.resolve(body.family, body.divisionCode, body.date ?? shanghaiToday());
    }

    @MessagePattern(`${service}.rules.diff`)
    async diff(@Payload() body: RuleDiffRequest): Promise<RuleSetDiffView> {
      const date = body.date ?? shanghaiToday();
      const before = await this.resolve(body.family, body.divisionCode, date);
      const after = await this.resolve(body.family, body.otherDivisionCode ?? body.divisionCode, body.otherDate ?? date);
      return { before, after, ...diffRuleSets(before, after) };
    }

    @MessagePattern(`${service}.rules.documents`)
    async documents(@Payload() body: RuleDocumentsRequest): Promise<RuleDocumentView[]> {
      const docs = await this.documentsOf(body.family);
      return docs
        .filter((d) => body.jurisdiction === undefined || d.jurisdiction === body.jurisdiction)
        .map((d) => ({ ...d, jurisdictionName: jurisdictionName(d.jurisdiction), level: jurisdictionLevel(d.jurisdiction) ?? 'national' }));
    }

    private async resolve(family: RuleFamily, divisionCode: string, date: string): Promise<ResolvedRulesView> {
      return resolveRules(family, await this.documentsOf(family), divisionCode, date);
    }

    private async documentsOf(family: RuleFamily): Promise<StoredRuleDocument[]> {
      if (RULE_FAMILY_SERVICES[family] !== service) {
        throw new DomainError('VALIDATION', `${family} 类规则不由本服务（${service}）保存，请向 ${RULE_FAMILY_SERVICES[family]} 查询`, [
          { field: 'family', code: 'isIn', message: `${family} 类规则由 ${RULE_FAMILY_SERVICES[family]} 保存` },
        ]);
      }
      return this.source.documents(family);
    }
  }
  return RuleHandlers;
}
