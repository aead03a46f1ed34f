import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from './contract.js';

/** Services that keep an audit log and answer `<service>.audit.*`. */
export const AUDITED_SERVICES = ['registry', 'gateway', 'staff', 'inspection', 'credit', 'subsidy'] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

export const auditSubjects = (service: string) => ({
  history: `${service}.audit.history`,
  verify: `${service}.audit.verify`,
});

@JSONSchema({ description: 'Audit entries of one entity, oldest first' })
export class AuditHistoryRequest {
  @JSONSchema({ description: 'Entity kind, e.g. institution', example: 'institution' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  entity: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  id: string;
}

export class AuditQuery extends AuditHistoryRequest {
  @JSONSchema({ description: 'The service that owns the entity (default registry)' })
  @IsOptional()
  @IsIn(AUDITED_SERVICES)
  service?: AuditedService;
}

export const AuditEntryView = t.Object(
  {
    seq: t.String(),
    occurredAt: t.String({ format: 'date-time' }),
    actor: t.Object({ department: t.String(), role: t.String(), userId: t.String(), clientId: Nullable(t.String()) }),
    action: t.String(),
    entity: t.String(),
    entityId: t.String(),
    reason: Nullable(t.String()),
    before: t.Unknown(),
    after: t.Unknown(),
    requestId: Nullable(t.String()),
    hash: t.String(),
    prevHash: t.String(),
  },
  { $id: 'AuditEntryView' },
);
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AuditEntryList = t.Array(AuditEntryView, { $id: 'AuditEntryList' });

export const AuditVerificationView = t.Object(
  {
    service: t.String(),
    ok: t.Boolean(),
    entries: t.Integer(),
    brokenAt: t.Optional(t.String()),
    problem: t.Optional(StringEnum(['hash_mismatch', 'broken_link', 'unavailable'], { description: 'unavailable: the service did not answer' })),
    error: t.Optional(t.String()),
  },
  { $id: 'AuditVerificationView' },
);
export type AuditVerificationView = Static<typeof AuditVerificationView>;

export const AuditVerificationList = t.Array(AuditVerificationView, { $id: 'AuditVerificationList' });
