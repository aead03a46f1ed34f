import type { Department } from '@shanyu/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A department system's machine credential (接口客户端): what it may call (`scopes`, routes as in
 * the OpenAPI document) and where it may act (`divisions`). Its secrets are ApiClientSecret rows.
 */
@Entity({ name: 'api_client' })
export class ApiClient {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Public identifier, e.g. `fire-330106-k3x9q2`. */
  @Column({ type: 'text', name: 'client_id', unique: true })
  clientId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  department: Department;

  @Column({ type: 'text', array: true })
  divisions: string[];

  /** `METHOD /path/{param}` exactly as in /api/docs-json. */
  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'text', name: 'created_by' })
  createdBy: string;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', name: 'revoked_by', nullable: true })
  revokedBy: string | null;

  @Column({ type: 'text', name: 'revoke_reason', nullable: true })
  revokeReason: string | null;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;
}

/** One version of a client's secret: an scrypt hash, valid until `validUntil` (null: current). */
@Entity({ name: 'api_client_secret' })
export class ApiClientSecret {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'api_client_id' })
  apiClientId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', name: 'secret_hash' })
  secretHash: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'valid_until', nullable: true })
  validUntil: Date | null;
}
