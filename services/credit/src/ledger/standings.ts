import { type Actor, type IsoDate, SYSTEM_ACTOR } from '@shanyu/common';
import { CreditEvt, type CreditGrade, type GradeChangedData } from '@shanyu/contracts';
import { newEvent } from '@shanyu/messaging';
import type { AuditEntryInput } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import type { CreditModels } from '../model/credit-model.js';
import { evaluate, type Evaluation, startGrade } from '../model/evaluate.js';
import { schemaTable } from '@shanyu/persistence';
import type { InstitutionReplica } from '../institutions/institutions.js';
import type { Ledger } from './ledger.js';

/** What a refresh may do besides its own rows: publish (outbox) and audit, in the caller's transaction. */
export interface RefreshEffects {
  publish(event: { subject: string; actor: Actor; entityId: string; data: GradeChangedData }): Promise<unknown>;
  audit(entry: AuditEntryInput): Promise<void>;
}

export interface StandingRow {
  institutionId: string;
  divisionCode: string;
  score: number;
  grade: CreditGrade;
  modelVersion: string;
  computedOn: string;
  since: string;
}

export interface RefreshResult {
  evaluation: Evaluation;
  from: CreditGrade;
  to: CreditGrade;
  changed: boolean;
}

/** Namespace of the per-institution advisory lock (two-key form: separate from the audit log's lock). */
const LOCK_SPACE = 4_2_6;

/**
 * The standing of an institution (score and grade today) is a projection of its ledger: after
 * every change it is recomputed in full from the ledger, in the same transaction, and a grade
 * change publishes exactly one evt.credit.grade.changed.v1 (the outbox commits with it).
 */
export class Standings {
  constructor(
    private readonly models: CreditModels,
    private readonly ledger: Ledger,
    private readonly institutions: InstitutionReplica,
  ) {}

  /** Serialises refreshes of one institution (two consumers may deliver its events at once). */
  async lock(manager: EntityManager, institutionId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_SPACE, institutionId]);
  }

  async get(manager: EntityManager | import('typeorm').DataSource, institutionId: string): Promise<StandingRow | null> {
    const rows: { institution_id: string; division_code: string; score: number; grade: CreditGrade; model_version: string; computed_on: string; since: string }[] =
      await manager.query(
        `SELECT institution_id, division_code, score, grade, model_version, computed_on::text AS computed_on, since::text AS since
         FROM ${schemaTable(manager, 'standing')} WHERE institution_id = $1`,
        [institutionId],
      );
    const r = rows[0];
    return r ? { institutionId: r.institution_id, divisionCode: r.division_code, score: r.score, grade: r.grade, modelVersion: r.model_version, computedOn: r.computed_on, since: r.since } : null;
  }

  /** Recomputes the standing at `today` from the whole ledger, under the institution's lock (taken here). */
  async refresh(manager: EntityManager, institutionId: string, today: IsoDate, effects: RefreshEffects, cause: string): Promise<RefreshResult | null> {
    await this.lock(manager, institutionId);
    const entries = await this.ledger.forInstitution(manager, institutionId);
    if (entries.length === 0) return null;
    const evaluation = evaluate(entries, today, this.models);
    const previous = await this.get(manager, institutionId);
    const from = previous?.grade ?? startGrade(evaluation.model);
    const to = evaluation.grade;
    const changed = from !== to;
    const replica = await this.institutions.get(manager, institutionId);
    const divisionCode = replica?.divisionCode ?? previous?.divisionCode ?? [...entries].reverse().find((e) => e.divisionCode)?.divisionCode ?? '';
    const since = changed || !previous ? today : previous.since;
    await manager.query(
      `INSERT INTO ${schemaTable(manager, 'standing')} (institution_id, division_code, score, grade, model_version, computed_on, since, reasons)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
       ON CONFLICT (institution_id) DO UPDATE SET division_code = EXCLUDED.division_code, score = EXCLUDED.score, grade = EXCLUDED.grade,
         model_version = EXCLUDED.model_version, computed_on = EXCLUDED.computed_on, since = EXCLUDED.since, reasons = EXCLUDED.reasons, updated_at = now()`,
      [institutionId, divisionCode, evaluation.score, to, evaluation.model.version, today, since, JSON.stringify(evaluation.reasons)],
    );
    if (changed) {
      const data: GradeChangedData = {
        institutionId, divisionCode, from, to, grade: to, score: evaluation.score, modelVersion: evaluation.model.version, effectiveOn: today, reasons: evaluation.reasons,
      };
      await effects.publish(newEvent(CreditEvt.gradeChanged, { actor: SYSTEM_ACTOR, entityId: institutionId, data }));
      await effects.audit({
        actor: SYSTEM_ACTOR, action: 'credit.grade.change', entity: 'institution', entityId: institutionId,
        before: { grade: from, score: previous?.score ?? evaluation.model.startScore }, after: { grade: to, score: evaluation.score, modelVersion: evaluation.model.version },
        reason: cause,
      });
    }
    return { evaluation, from, to, changed };
  }
}
