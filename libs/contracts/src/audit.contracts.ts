import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

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
  @IsString() @MinLength(1) @MaxLength(50)
  entity: string;

  @IsString() @MinLength(1) @MaxLength(100)
  id: string;
}

export class AuditQuery extends AuditHistoryRequest {
  @JSONSchema({ description: 'The service that owns the entity (default registry)' })
  @IsOptional() @IsIn(AUDITED_SERVICES)
  service?: AuditedService;
}

export interface AuditEntryView {
  seq: string;
  occurredAt: string;
  actor: { department: string; role: string; userId: string; clientId: string | null };
  action: string;
  entity: string;
  entityId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditVerificationView {
  service: string;
  ok: boolean;
  entries: number;
  brokenAt?: string;
  /** hash_mismatch, broken_link, or unavailable (the service did not answer). */
  problem?: string;
  error?: string;
}
