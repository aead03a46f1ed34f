import type { InstitutionNature, InstitutionStatus } from '@shanyu/contracts';
import { isUniqueViolation, schemaTable } from '@shanyu/persistence';
import type { DeepPartial, EntityManager } from 'typeorm';
import { Institution } from './institution.entity.js';

/** What a page of the register is narrowed to; the caller decides what the actor may see. */
export interface InstitutionFilter {
  ownerUserId?: string;
  /** Division code prefixes (`LIKE prefix%`), any of which matches. */
  divisionPrefixes?: string[];
  divisionPrefix?: string;
  status?: InstitutionStatus;
  nature?: InstitutionNature;
  /** Part of the name, matched literally. */
  nameContains?: string;
}

/** Escapes LIKE's wildcards so the text matches literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => '\\' + c);

/** 托育机构 as registered: the registry's institution rows. */
export class InstitutionRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * One statement written once, its row made into the entity as TypeORM would: findOneBy built the
   * statement and mapped its result anew for every read (a tenth of the registry's CPU on GET
   * /api/v1/institutions/:id, bench/rpc.mjs).
   */
  async byId(id: string): Promise<Institution | null> {
    const metadata = this.manager.connection.getMetadata(Institution);
    const [row]: Record<string, unknown>[] = await this.manager.query(`SELECT * FROM ${metadata.tablePath} WHERE id = $1`, [id]);
    if (!row) return null;
    const institution = metadata.create() as Institution;
    const driver = this.manager.connection.driver;
    for (const column of metadata.columns) column.setEntityValue(institution, driver.prepareHydratedValue(row[column.databaseName], column));
    return institution;
  }

  /** An institution another row refers to (a filing's), so it exists. */
  byIdOrFail(id: string): Promise<Institution> {
    return this.manager.findOneByOrFail(Institution, { id });
  }

  /** Locked until the transaction ends: changes to one institution happen one after another. */
  byIdForUpdate(id: string): Promise<Institution | null> {
    return this.manager.findOne(Institution, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async idByUscc(uscc: string): Promise<string | undefined> {
    return (await this.manager.findOne(Institution, { where: { uscc }, select: { id: true } }))?.id;
  }

  usccRegistered(uscc: string): Promise<boolean> {
    return this.manager.exists(Institution, { where: { uscc } });
  }

  /** Stores a new institution; undefined when its USCC is already registered (a concurrent registration won). */
  async insert(fields: DeepPartial<Institution>): Promise<Institution | undefined> {
    const institution = this.manager.create(Institution, fields);
    try {
      return await this.manager.save(institution);
    } catch (e) {
      if (isUniqueViolation(e, 'institution_uscc_unique')) return undefined;
      throw e;
    }
  }

  save(institution: Institution): Promise<Institution> {
    return this.manager.save(institution);
  }

  /** One page, newest first, with the number of all that match. */
  page(filter: InstitutionFilter, page: number, pageSize: number): Promise<[Institution[], number]> {
    const qb = this.manager.createQueryBuilder(Institution, 'i');
    if (filter.ownerUserId !== undefined) qb.andWhere('i.owner_user_id = :owner', { owner: filter.ownerUserId });
    if (filter.divisionPrefixes) qb.andWhere('i.division_code LIKE ANY(:scopes)', { scopes: filter.divisionPrefixes.map((s) => `${s}%`) });
    if (filter.divisionPrefix) qb.andWhere('i.division_code LIKE :div', { div: `${filter.divisionPrefix}%` });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.nature) qb.andWhere('i.nature = :nature', { nature: filter.nature });
    if (filter.nameContains) qb.andWhere('i.name ILIKE :q', { q: `%${literal(filter.nameContains)}%` });
    return qb
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  /**
   * Records what indicators count of the institution (street, 举办主体, places) as holding from
   * `validFrom` until its next record; a second record of the same day replaces the first.
   * Raw SQL: the history is read only by the indicators' aggregate queries.
   */
  async recordHistory(institution: Institution, validFrom: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'institution_history')} (institution_id, valid_from, division_code, operator_type, places, total_places)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (institution_id, valid_from) DO UPDATE
         SET division_code = EXCLUDED.division_code, operator_type = EXCLUDED.operator_type, places = EXCLUDED.places, total_places = EXCLUDED.total_places`,
      [institution.id, validFrom, institution.divisionCode, institution.operatorType, JSON.stringify(institution.places), institution.totalPlaces],
    );
  }

  /**
   * Sets the 信用等级 unless a newer grade change was already applied. Raw SQL: `credit_grade_at`,
   * which only orders the changes, is not a column of the entity.
   */
  async setCreditGrade(id: string, grade: NonNullable<Institution['creditGrade']>, at: string): Promise<void> {
    await this.manager.query(
      `UPDATE ${schemaTable(this.manager, 'institution')} SET credit_grade = $2, credit_grade_at = $3 WHERE id = $1 AND (credit_grade_at IS NULL OR credit_grade_at <= $3)`,
      [id, grade, at],
    );
  }
}
