import { type Actor, DomainError } from '@shanyu/common';
import {
  ALL_REQUESTS,
  EffectiveRulesRequest,
  type ResolvedRulesView,
  RuleDiffRequest,
  type RuleDocumentView,
  RuleDocumentsRequest,
  RULE_FAMILY_SERVICES,
  type RuleSetDiffView,
  rpcOf,
  SubsidyRpc,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';

/**
 * 分级规则: the rules of each family as they apply in a division on a date — national rules and
 * the province's, city's, district's and street's refinements — each with the document it came
 * from; and two rule sets compared. Any signed-in user may read them: rules are public law.
 */
@ApiTags('rules 分级规则')
@ApiBearerAuth()
@Controller('api/v1/rules')
export class RulesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('effective')
  @ApiOperation({
    summary:
      '某区划某日适用的规则 (family, divisionCode, date): each rule with its document, level and what it replaced; rules disabled below with their reason',
  })
  @RpcReply(SubsidyRpc.rulesEffective)
  effective(@Query() query: EffectiveRulesRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ResolvedRulesView> {
    return this.rpc.call(rpcOf(SubsidyRpc.rulesEffective, serviceOf(query)), query, { actor, requestId });
  }

  @Get('diff')
  @ApiOperation({ summary: '规则对比: the rules of a family in two divisions or on two dates, key by key (added, removed, changed)' })
  @RpcReply(SubsidyRpc.rulesDiff)
  diff(@Query() query: RuleDiffRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleSetDiffView> {
    return this.rpc.call(rpcOf(SubsidyRpc.rulesDiff, serviceOf(query)), query, { actor, requestId });
  }

  @Get('documents')
  @ApiOperation({ summary: '规则文件: every version of the documents of a family, optionally of one jurisdiction (000000 = national)' })
  @RpcReply(SubsidyRpc.rulesDocuments)
  documents(@Query() query: RuleDocumentsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleDocumentView[]> {
    return this.rpc.call(rpcOf(SubsidyRpc.rulesDocuments, serviceOf(query)), query, { actor, requestId });
  }
}

/** The service keeping the family's documents. */
function serviceOf(query: { family: keyof typeof RULE_FAMILY_SERVICES }): string {
  const service = RULE_FAMILY_SERVICES[query.family];
  if (!ALL_REQUESTS.some((d) => d.subject === `${service}.rules.effective`)) {
    throw new DomainError('VALIDATION', `${query.family} 类规则尚未按分级规则文件提供`, [
      { field: 'family', code: 'isIn', message: `${query.family} 类规则尚未按分级规则文件提供` },
    ]);
  }
  return service;
}
