import type { IsoDate } from '@shanyu/common';
import type { ClassType } from '@shanyu/contracts';
import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';

/**
 * What was last published per institution: ratio breaches per class type and the 持证率. The
 * tables have no entity, and their writes are upserts: raw SQL.
 */
export class ComplianceStateRepository {
  constructor(private readonly manager: EntityManager) {}

  async ratioStates(institutionId: string): Promise<{ classType: ClassType; breached: boolean }[]> {
    const rows: { class_type: ClassType; breached: boolean }[] = await this.manager.query(
      `SELECT class_type, breached FROM ${schemaTable(this.manager, 'ratio_state')} WHERE institution_id = $1`,
      [institutionId],
    );
    return rows.map((r) => ({ classType: r.class_type, breached: r.breached }));
  }

  async saveRatioState(institutionId: string, classType: ClassType, breached: boolean): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'ratio_state')} (institution_id, class_type, breached) VALUES ($1, $2, $3)
       ON CONFLICT (institution_id, class_type) DO UPDATE SET breached = EXCLUDED.breached, changed_at = now()`,
      [institutionId, classType, breached],
    );
  }

  /** The 持证率 last published, locked for the rest of the transaction; undefined when none was. */
  async certificateRateForUpdate(institutionId: string): Promise<{ rateBp: number | null } | undefined> {
    const [row]: { rate_bp: number | null }[] = await this.manager.query(
      `SELECT rate_bp FROM ${schemaTable(this.manager, 'certificate_rate_state')} WHERE institution_id = $1 FOR UPDATE`,
      [institutionId],
    );
    return row ? { rateBp: row.rate_bp } : undefined;
  }

  async saveCertificateRate(institutionId: string, required: number, holding: number, rateBp: number | null, effectiveOn: IsoDate): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'certificate_rate_state')} (institution_id, required, holding, rate_bp, effective_on) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (institution_id) DO UPDATE SET required = EXCLUDED.required, holding = EXCLUDED.holding, rate_bp = EXCLUDED.rate_bp,
         effective_on = EXCLUDED.effective_on, changed_at = now()`,
      [institutionId, required, holding, rateBp, effectiveOn],
    );
  }
}
