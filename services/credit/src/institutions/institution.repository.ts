import type { InstitutionStatus } from '@shanyu/contracts';
import { type Db, schemaTable, upsertNewerVersion } from '@shanyu/persistence';

export interface InstitutionCopy {
  id: string;
  name: string;
  divisionCode: string;
  ownerUserId: string | null;
  status: InstitutionStatus;
}

/** The credit service's copy of the registry's institutions (`institution`). */
export class InstitutionRepository {
  constructor(private readonly db: Db) {}

  /** Stores the copy unless a newer version of the record is held; returns whether it changed. */
  save(copy: InstitutionCopy, sourceVersion: number): Promise<boolean> {
    return upsertNewerVersion(this.db, this.table, {
      id: copy.id,
      name: copy.name,
      division_code: copy.divisionCode,
      owner_user_id: copy.ownerUserId,
      status: copy.status,
      source_version: sourceVersion,
    });
  }

  async get(id: string): Promise<InstitutionCopy | null> {
    const rows: { id: string; name: string; division_code: string; owner_user_id: string | null; status: InstitutionStatus }[] = await this.db.query(
      `SELECT id, name, division_code, owner_user_id, status FROM ${this.table} WHERE id = $1`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, name: r.name, divisionCode: r.division_code, ownerUserId: r.owner_user_id, status: r.status } : null;
  }

  async count(): Promise<number> {
    return Number((await this.db.query(`SELECT count(*) AS n FROM ${this.table}`))[0].n);
  }

  async deleteAll(): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table}`);
  }

  private get table(): string {
    return schemaTable(this.db, 'institution');
  }
}
