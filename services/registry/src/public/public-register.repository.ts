import type { CareForm } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { Filing } from '../filing/filing.entity.js';
import { Institution } from '../institutions/institution.entity.js';

/** What a page of the public register is narrowed to. */
export interface PublicFilter {
  divisionPrefix?: string;
  /** true: 普惠 institutions only; false: the others only. */
  inclusive?: boolean;
  careForm?: CareForm;
  /** Part of the name, matched literally. */
  nameContains?: string;
}

const literal = (text: string) => text.replace(/[\\%_]/g, (c) => '\\' + c);

/** 公示: the filed institutions and the days they were filed on. */
export class PublicRegisterRepository {
  constructor(private readonly manager: EntityManager) {}

  /** One page of filed institutions by name, with the number of all that match. */
  filedPage(filter: PublicFilter, page: number, pageSize: number): Promise<[Institution[], number]> {
    const qb = this.manager.createQueryBuilder(Institution, 'i').where(`i.status = 'filed'`);
    if (filter.divisionPrefix) qb.andWhere('i.division_code LIKE :div', { div: `${filter.divisionPrefix}%` });
    if (filter.inclusive === true) qb.andWhere('i.inclusive IS NOT NULL');
    if (filter.inclusive === false) qb.andWhere('i.inclusive IS NULL');
    if (filter.careForm) qb.andWhere(':form = ANY(i.care_forms)', { form: filter.careForm });
    if (filter.nameContains) qb.andWhere('i.name ILIKE :q', { q: `%${literal(filter.nameContains)}%` });
    return qb
      .orderBy('i.name')
      .addOrderBy('i.id')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
  }

  institution(id: string): Promise<Institution | null> {
    return this.manager.findOneBy(Institution, { id });
  }

  /** The day each receipt was issued (the day its institution was filed), by receipt number. */
  async filedOn(receiptNos: string[]): Promise<Map<string, string>> {
    if (receiptNos.length === 0) return new Map();
    const rows = await this.manager
      .createQueryBuilder(Filing, 'f')
      .select(['f.receiptNo', 'f.receiptIssuedOn'])
      .where('f.receipt_no = ANY(:nos)', { nos: receiptNos })
      .getMany();
    return new Map(rows.map((f) => [f.receiptNo!, f.receiptIssuedOn!]));
  }
}
