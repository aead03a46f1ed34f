import type { Actor } from '@shanyu/common';
import { AUDITED_SERVICES, AuditQuery, type AuditEntryView, type AuditVerificationView, RegistryRpc, rpcOf } from '@shanyu/contracts';
import { RpcClient, toAuditEntryView } from '@shanyu/messaging';
import { AuditLog } from '@shanyu/persistence';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { errorResponses } from '../docs/error-responses.js';
import { RpcReply } from '../docs/rpc-reply.js';

/** 审计: who changed what, when and why, in every service; and proof that no entry was altered. */
@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  private readonly auditLog = new AuditLog();

  constructor(
    private readonly rpc: RpcClient,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Departments('admin')
  @ApiOperation({ summary: '审计记录 of one entity, oldest first (admin)' })
  @ApiQuery({ name: 'entity', example: 'institution' })
  @ApiQuery({ name: 'id' })
  @ApiQuery({ name: 'service', required: false, enum: AUDITED_SERVICES })
  @RpcReply(RegistryRpc.auditHistory)
  async history(@Query() query: AuditQuery, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<AuditEntryView[]> {
    const service = query.service ?? 'registry';
    if (service === 'gateway') return (await this.auditLog.history(this.dataSource, query.entity, query.id)).map(toAuditEntryView);
    return this.rpc.call(rpcOf(RegistryRpc.auditHistory, service), { entity: query.entity, id: query.id }, { actor, requestId });
  }

  @Get('verify')
  @Departments('admin')
  @ApiOperation({ summary: "校验审计哈希链: recomputes every service's chain; ok=false names the first broken entry (admin)" })
  @ApiResponse({ status: 200, schema: { $ref: '#/components/schemas/AuditVerificationList' } })
  @errorResponses(401, 403, 503)
  async verify(@CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<AuditVerificationView[]> {
    // A service that does not answer is reported, not allowed to hide the others' results.
    const remote = AUDITED_SERVICES.filter((s) => s !== 'gateway').map((s) =>
      this.rpc
        .call(rpcOf(RegistryRpc.auditVerify, s), {}, { actor, requestId, timeoutMs: 60_000 })
        .catch((e: unknown): AuditVerificationView => ({ service: s, ok: false, entries: 0, problem: 'unavailable', error: (e as Error).message })),
    );
    return [{ service: 'gateway', ...(await this.auditLog.verify(this.dataSource)) }, ...(await Promise.all(remote))];
  }
}
