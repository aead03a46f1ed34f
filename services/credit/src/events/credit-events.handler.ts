import { randomUUID } from 'node:crypto';
import { type JsonLogger, shanghaiToday } from '@shanyu/common';
import { type CreditDeadLetter, deadLetterSubject, type EventEnvelope, institutionOf, serviceConsumer } from '@shanyu/contracts';
import type { Outbox } from '@shanyu/messaging';
import { metricsFor, type ServiceMetrics } from '@shanyu/observability';
import type { AuditLog } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { InstitutionReplica } from '../institutions/institutions.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Standings } from '../ledger/standings.js';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { DeadLetterRepository } from './dead-letter.repository.js';
import { ParkedEventRepository } from './parked-event.repository.js';
import { classify } from './translate.js';

/** The four source streams (nats-server 2.9: one filter subject per consumer). */
export const CREDIT_SOURCES = [
  { key: 'registry', filter: 'evt.registry.>' },
  { key: 'staff', filter: 'evt.staff.>' },
  { key: 'inspection', filter: 'evt.inspection.>' },
  { key: 'subsidy', filter: 'evt.subsidy.>' },
] as const;
export type CreditSource = (typeof CREDIT_SOURCES)[number]['key'];

/** Durable consumer name (the NATS catalog's): one per credit schema and source, so test stacks with their own schema do not share it. */
export function creditConsumerName(schema: string, source: CreditSource): string {
  return serviceConsumer('credit', `${source}-events`, schema).name;
}

/**
 * Turns other services' events into ledger entries and refreshes the standing, inside the
 * consumer's transaction (the inbox row commits with them: a redelivery has no second effect).
 * An event about an institution not known yet waits (`parked_event`) and applies when the
 * registry's event for it arrives, so the ledger is a function of the events, not of the order
 * they arrive in. Events the service cannot use are recorded (`rejected_event`) and sent to `dlq.<consumer>`
 * through the outbox, so the dead letter exists if and only if the event was acknowledged. A
 * rejected event keeps no inbox row, like an event DurableEventConsumer dead-letters itself: once
 * the cause is fixed, `dlq redrive` publishes it again and it is handled as new (its rejection is
 * then cleared). A redelivery of a rejected event is rejected again: at worst a second dead letter.
 */
export class CreditEventsHandler {
  private readonly metrics: ServiceMetrics;

  constructor(
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
    private readonly standings: Standings,
    private readonly replica: InstitutionReplica,
    private readonly outbox: Outbox,
    private readonly auditLog: AuditLog,
    private readonly logger: JsonLogger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.metrics = metricsFor(logger.service);
  }

  handlerFor(consumer: string, source: CreditSource) {
    return (event: EventEnvelope, manager: EntityManager) => this.handle(consumer, source, event, manager);
  }

  async handle(consumer: string, source: CreditSource, event: EventEnvelope, manager: EntityManager): Promise<void> {
    const { touched } = await this.record(consumer, source, event, manager);
    await this.refreshTouched(manager, event, touched);
  }

  /**
   * The event's effect on the replica and the ledger, without refreshing standings: returns the
   * institutions whose ledger grew, and whether the event was rejected. The replay (replay/replay-credit.ts) calls it for every event
   * and refreshes each standing once at the end; it records dead letters without publishing them
   * again (`publishDeadLetters: false`: they were published when the event first arrived).
   */
  async record(
    consumer: string,
    source: CreditSource,
    event: EventEnvelope,
    manager: EntityManager,
    options: { publishDeadLetters?: boolean } = {},
  ): Promise<{ touched: Set<string>; rejected: boolean }> {
    const touched = new Set<string>();
    if (source === 'registry' && (await this.replica.follow(manager, event))) {
      // The institution is known now: what waited for it applies first, in the order it occurred.
      const id = institutionOf(event)!.id;
      for (const parked of await new ParkedEventRepository(manager).takeFor(id)) {
        const applied = await this.record(parked.consumer, parked.source as CreditSource, parked.envelope, manager, options);
        for (const t of applied.touched) touched.add(t);
      }
    }
    const outcome = classify(event, this.models);
    const publish = options.publishDeadLetters ?? true;
    if (outcome.kind === 'dead') {
      await this.deadLetter(manager, consumer, event, outcome.code, outcome.error, publish);
      return { touched, rejected: true };
    }
    // A re-driven event that was rejected before is not any more.
    await new DeadLetterRepository(manager).clearRejection(consumer, event.eventId);
    if (outcome.kind === 'ignore') return { touched, rejected: false };
    const facts = [];
    for (const fact of outcome.facts) {
      if (fact.divisionCode !== null) {
        facts.push(fact);
        continue;
      }
      const known = await new InstitutionRepository(manager).get(fact.institutionId);
      if (!known) {
        // Delivery order is not the order of the facts: the event waits for its institution (bounded, see expireParked).
        await new ParkedEventRepository(manager).park({ consumer, source, institutionId: fact.institutionId, envelope: event });
        this.logger.info('credit event parked until its institution is known', {
          consumer,
          subject: event.subject,
          eventId: event.eventId,
          institutionId: fact.institutionId,
        });
        return { touched, rejected: false };
      }
      facts.push({ ...fact, divisionCode: known.divisionCode });
    }
    for (const fact of facts) {
      const entry = await this.ledger.append(manager, {
        institutionId: fact.institutionId,
        sourceEventId: event.eventId,
        subject: event.subject,
        eventType: fact.eventType,
        occurredAt: event.occurredAt,
        occurredOn: fact.occurredOn,
        ref: fact.ref,
        department: fact.department,
        divisionCode: fact.divisionCode,
        facts: fact.facts,
      });
      if (entry) touched.add(fact.institutionId);
    }
    return { touched, rejected: false };
  }

  async refreshTouched(manager: EntityManager, event: EventEnvelope, touched: Set<string>): Promise<void> {
    const today = shanghaiToday(this.now());
    for (const institutionId of touched) {
      await this.standings.refresh(
        manager,
        institutionId,
        today,
        {
          publish: (e) => this.outbox.append(manager, e),
          audit: (entry) => this.auditLog.record(manager, entry),
        },
        `${event.subject} ${event.eventId}`,
      );
    }
  }

  /**
   * Events parked before `before` whose institution never arrived: dead-lettered (UNKNOWN_INSTITUTION),
   * so an admin sees them and can re-drive them once the registration is found. Returns how many.
   */
  async expireParked(manager: EntityManager, before: Date): Promise<number> {
    const expired = await new ParkedEventRepository(manager).takeParkedBefore(before);
    for (const p of expired) {
      const error = `${p.envelope.subject}: 事件未写明机构所在区划，信用服务自 ${before.toISOString().slice(0, 10)} 前起等待机构 ${p.institutionId} 的登记事件仍未收到（收到后可重新投递）`;
      await this.deadLetter(manager, p.consumer, p.envelope, 'UNKNOWN_INSTITUTION', error, true);
    }
    return expired.length;
  }

  private async deadLetter(
    manager: EntityManager,
    consumer: string,
    event: EventEnvelope,
    code: CreditDeadLetter['code'],
    error: string,
    publish: boolean,
  ): Promise<void> {
    const body: CreditDeadLetter = { consumer, subject: event.subject, eventId: event.eventId, code, error, failedAt: this.now().toISOString(), event };
    const deadLetters = new DeadLetterRepository(manager);
    await deadLetters.recordRejection({ consumer, eventId: event.eventId, subject: event.subject, code, error, envelope: event });
    // No inbox row for a rejected event (the consumer wrote it in this transaction): a re-drive is handled again.
    await deadLetters.forgetDelivery(consumer, event.eventId);
    if (!publish) return;
    // The dead letter leaves through the outbox: published once the acknowledgement is certain.
    await deadLetters.enqueue(randomUUID(), deadLetterSubject(consumer), body);
    // Counted when the event is handled (the commit follows): the ShanyuDeadLetters alert watches this counter for every consumer.
    this.metrics.deadLetters.inc({ consumer });
    this.logger.warn('credit event dead-lettered', { consumer, subject: event.subject, eventId: event.eventId, code, err: error });
  }
}
