import type { Actor } from '@shanyu/common';
import { RegistryRpc, RuleDocumentBody, type RuleDocumentView } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { schema } from '../docs/api-shapes.js';
import { RpcReply } from '../docs/rpc-reply.js';

/**
 * The rule documents the registry keeps, published by jurisdiction: 备案标准 (filing standards)
 * and 发展目标 (indicator targets); the effective set of a division and date, documents and
 * comparisons are read at GET /api/v1/rules/…?family=filing|target.
 */
@ApiTags('rules 分级规则')
@ApiBearerAuth()
@Controller('api/v1')
export class RegistryRulesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('filing-standards')
  @HttpCode(201)
  @Departments('health', 'admin')
  @ApiOperation({
    summary:
      '发布备案标准 a new version of a filing rule document: national (000000) by the platform admin only; a health bureau for its own divisions and below. Each rule composes with the levels above (adds, replaces, disables with a reason, inherits) and its body ({kind, params}) is checked',
  })
  @ApiBody(schema('RuleDocumentBody'))
  @RpcReply(RegistryRpc.publishRules, 201)
  publish(@Body() body: RuleDocumentBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleDocumentView> {
    return this.rpc.call(RegistryRpc.publishRules, { ...body, family: 'filing' }, { actor, requestId });
  }

  @Post('indicator-targets')
  @HttpCode(201)
  @Departments('health', 'admin')
  @ApiOperation({
    summary:
      '发布发展目标 a new version of a target document (每千人口托位数, 健康管理率 …) for a jurisdiction: national (000000) by the platform admin only; a health bureau for its own divisions and below. Each rule ({indicator, value, direction, byYear}) replaces, adds to or disables the target of the same key above; the indicator dashboard judges each division by the targets in force for it',
  })
  @ApiBody(schema('RuleDocumentBody'))
  @RpcReply(RegistryRpc.publishRules, 201)
  publishTargets(@Body() body: RuleDocumentBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleDocumentView> {
    return this.rpc.call(RegistryRpc.publishRules, { ...body, family: 'target' }, { actor, requestId });
  }
}
