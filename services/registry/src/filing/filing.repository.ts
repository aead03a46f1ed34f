import type { FilingStatus } from '@shanyu/contracts';
import { schemaTable } from '@shanyu/persistence';
import type { DeepPartial, EntityManager } from 'typeorm';
import { Filing } from './filing.entity.js';

/** What a page of filings is narrowed to; the caller decides what the actor may see. */
export interface FilingFilter {
  /** Filings of the institutions this operator account registered. */
  ownerUserId?: string;
  /** Division code prefixes (`LIKE prefix%`), any of which matches. */
  divisionPrefixes?: string[];
  divisionPrefix?: string;
  institutionId?: string;
  status?: FilingStatus;
  /** Undecided filings whose deadline (the notice's when the check failed, else the receipt's) is before this day. */
  overdueOn?: string;
}

/** 备案: filings, their checks and decisions, and the receipt numbers they are issued. */
export class FilingRepository {
  constructor(private readonly manager: EntityManager) {}

  byId(id: string): Promise<Filing | null> {
    return this.manager.findOneBy(Filing, { id });
  }

  /** Locked until the transaction ends: a filing is decided once. */
  byIdForUpdate(id: string): Promise<Filing | null> {
    return this.manager.findOne(Filing, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  byReceiptNo(receiptNo: string): Promise<Filing | null> {
    return this.manager.findOneBy(Filing, { receiptNo });
  }

  /** The institution's latest filing, locked until the transaction ends. */
  latestOfInstitutionForUpdate(institutionId: string): Promise<Filing | null> {
    return this.manager.findOne(Filing, { where: { institutionId }, order: { submittedAt: 'DESC' }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(fields: DeepPartial<Filing>): Promise<Filing> {
    return this.manager.save(this.manager.create(Filing, fields));
  }

  save(filing: Filing): Promise<Filing> {
    return this.manager.save(filing);
  }

  /**
   * The next number of a district's receipts in a year, gap-free inside committed transactions.
   * Raw SQL: the counter has no entity, and one upsert draws the number atomically.
   */
  async nextReceiptSequence(county: string, year: number): Promise<number> {
    const [row] = await this.manager.query(
      `INSERT INTO ${schemaTable(this.manager, 'receipt_sequence')} (county, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (county, year) DO UPDATE SET last = receipt_sequence.last + 1 RETURNING last`,
      [county, year],
    );
    return Number(row.last);
  }

  /** One page, newest first, with the number of all that match. */
  page(filter: FilingFilter, page: number, pageSize: number): Promise<[Filing[], number]> {
    const qb = this.manager.createQueryBuilder(Filing, 'f');
    if (filter.ownerUserId !== undefined) {
      qb.innerJoin('institution', 'i', 'i.id = f.institution_id').andWhere('i.owner_user_id = :owner', { owner: filter.ownerUserId });
    }
    if (filter.divisionPrefixes) qb.andWhere('f.division_code LIKE ANY(:scopes)', { scopes: filter.divisionPrefixes.map((s) => `${s}%`) });
    if (filter.divisionPrefix) qb.andWhere('f.division_code LIKE :div', { div: `${filter.divisionPrefix}%` });
    if (filter.institutionId) qb.andWhere('f.institution_id = :iid', { iid: filter.institutionId });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.overdueOn) {
      qb.andWhere(`f.status = 'submitted'`).andWhere(
        `(CASE WHEN (f."check"->'summary'->>'fail')::int > 0 THEN f.notice_due_by ELSE f.receipt_due_by END) < :today`,
        { today: filter.overdueOn },
      );
    }
    return qb
      .orderBy('f.submitted_at', 'DESC')
      .addOrderBy('f.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }
}
