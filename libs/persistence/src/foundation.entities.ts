import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: written in the same transaction as the change, so an event is published
 * if and only if the change committed (the relay publishes it to JetStream afterwards).
 */
@Entity({ name: 'outbox' })
@Index('outbox_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class OutboxRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  /** Becomes the event's `eventId` and the JetStream `Nats-Msg-Id` (dedupe on republish). */
  @Column({ type: 'uuid', unique: true })
  id: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'jsonb' })
  envelope: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** NATS headers the event is published with: the writer's trace context and request id. */
  @Column({ type: 'jsonb', nullable: true })
  headers: Record<string, string> | null;
}

/** Inbox: one row per (consumer, event) that had its effect; a redelivery finds it and does nothing. */
@Entity({ name: 'inbox' })
export class InboxRow {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'timestamptz', name: 'processed_at', default: () => 'now()' })
  processedAt: Date;
}

/** Append-only audit log with a hash chain: who changed what, when and why, and proof that no entry was altered. */
@Entity({ name: 'audit_log' })
export class AuditRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'text', name: 'actor_department' })
  actorDepartment: string;

  @Column({ type: 'text', name: 'actor_role' })
  actorRole: string;

  @Column({ type: 'text', name: 'actor_user' })
  actorUser: string;

  @Column({ type: 'text', name: 'actor_client', nullable: true })
  actorClient: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entity: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;

  @Column({ type: 'char', length: 64, name: 'prev_hash' })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

export const FOUNDATION_ENTITIES = [OutboxRow, InboxRow, AuditRow];
