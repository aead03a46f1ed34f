import type { Actor } from '@shanyu/common';
import { RegistryRpc, RuleDocumentBody, type RuleDocumentView } from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { schema } from '../docs/api-shapes.js';
import { RpcReply } from '../docs/rpc-reply.js';

/**
 * 备案标准 (filing standards) published as rule documents by jurisdiction; the effective set of a
 * division and date, documents and comparisons are read at GET /api/v1/rules/…?family=filing.
 */
@ApiTags('rules 分级规则')
@ApiBearerAuth()
@Controller('api/v1')
export class FilingStandardsController {
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
}
