import { SqlRepository } from '../sql.js';

export interface RecordedFinding {
  findingId: string;
  institutionId: string;
  severity: string;
  itemCode: string | null;
  recordedOn: string;
}

/** Dated facts about institutions, and the inspection findings held open until corrected. */
export class FactRepository extends SqlRepository {
  /** A fact that holds from `effectiveOn`, with the event that told it. */
  async record(institutionId: string, fact: string, value: unknown, effectiveOn: string, sourceEventId: string): Promise<void> {
    await this.manager.query(`INSERT INTO ${this.t.fact} (institution_id, fact, value, effective_on, source_event) VALUES ($1, $2, $3::jsonb, $4, $5)`, [
      institutionId,
      fact,
      JSON.stringify(value),
      effectiveOn,
      sourceEventId,
    ]);
  }

  /** Recorded once: a redelivered event changes nothing. */
  async recordFinding(finding: RecordedFinding): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.finding} (finding_id, institution_id, severity, item_code, recorded_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (finding_id) DO NOTHING`,
      [finding.findingId, finding.institutionId, finding.severity, finding.itemCode, finding.recordedOn],
    );
  }

  /** The first correction counts. */
  async correctFinding(findingId: string, on: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.finding} SET corrected_on = $2 WHERE finding_id = $1 AND corrected_on IS NULL`, [findingId, on]);
  }
}
