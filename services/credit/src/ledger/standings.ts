import { type Actor, type IsoDate, SYSTEM_ACTOR } from '@shanyu/common';
import { CreditEvt, type CreditGrade, type GradeChangedData } from '@shanyu/contracts';
import { newEvent } from '@shanyu/messaging';
import type { AuditEntryInput } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { evaluate, type Evaluation, startGrade } from '../model/evaluate.js';
import type { Ledger } from './ledger.js';
import { StandingRepository } from './standing.repository.js';

/** What a refresh may do besides its own rows: publish (outbox) and audit, in the caller's transaction. */
export interface RefreshEffects {
  publish(event: { subject: string; actor: Actor; entityId: string; data: GradeChangedData }): Promise<unknown>;
  audit(entry: AuditEntryInput): Promise<void>;
}

export interface RefreshResult {
  evaluation: Evaluation;
  from: CreditGrade;
  to: CreditGrade;
  changed: boolean;
}

/**
 * The standing of an institution (score and grade today) is a projection of its ledger: after
 * every change it is recomputed in full from the ledger, in the same transaction, and a grade
 * change publishes exactly one evt.credit.grade.changed.v1 (the outbox commits with it).
 */
export class Standings {
  constructor(
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Recomputes the standing at `today` from the whole ledger, under the institution's lock (taken
   * here: two consumers may deliver its events at once).
   */
  async refresh(manager: EntityManager, institutionId: string, today: IsoDate, effects: RefreshEffects, cause: string): Promise<RefreshResult | null> {
    const standings = new StandingRepository(manager);
    await standings.lock(institutionId);
    const entries = await this.ledger.forInstitution(manager, institutionId);
    if (entries.length === 0) return null;
    const previous = await standings.get(institutionId);
    const replica = await new InstitutionRepository(manager).get(institutionId);
    const divisionCode = replica?.divisionCode ?? previous?.divisionCode ?? [...entries].reverse().find((e) => e.divisionCode)?.divisionCode ?? '';
    // The model of the institution's division: the national default, or the division's own scheme.
    const evaluation = evaluate(entries, today, await this.models.current(manager), divisionCode);
    const from = previous?.grade ?? startGrade(evaluation.model);
    const to = evaluation.grade;
    const changed = from !== to;
    const since = changed || !previous ? today : previous.since;
    await standings.save(
      { institutionId, divisionCode, score: evaluation.score, grade: to, modelVersion: evaluation.model.version, computedOn: today, since },
      evaluation.reasons,
    );
    if (changed) {
      const data: GradeChangedData = {
        institutionId,
        divisionCode,
        from,
        to,
        grade: to,
        score: evaluation.score,
        modelVersion: evaluation.model.version,
        modelJurisdiction: evaluation.model.jurisdiction,
        modelDocuments: evaluation.model.documents.map((d) => d.version),
        effectiveOn: today,
        reasons: evaluation.reasons,
      };
      await effects.publish(newEvent(CreditEvt.gradeChanged, { actor: SYSTEM_ACTOR, entityId: institutionId, data }));
      await effects.audit({
        actor: SYSTEM_ACTOR,
        action: 'credit.grade.change',
        entity: 'institution',
        entityId: institutionId,
        before: { grade: from, score: previous?.score ?? evaluation.model.startScore },
        after: { grade: to, score: evaluation.score, modelVersion: evaluation.model.version, modelJurisdiction: evaluation.model.jurisdiction },
        reason: cause,
      });
    }
    return { evaluation, from, to, changed };
  }
}
