import { DomainError, divisionFullName, divisionPrefix } from '@shanyu/common';
import type { Page, PublicInstitutionsRequest, PublicInstitutionView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { Institution } from '../institutions/institution.entity.js';
import { Filing } from '../filing/filing.entity.js';

function publicView(i: Institution, filedOn: string | null): PublicInstitutionView {
  return {
    id: i.id,
    name: i.name,
    address: i.address,
    divisionCode: i.divisionCode,
    divisionName: divisionFullName(i.divisionCode) ?? i.divisionCode,
    operatorType: i.operatorType,
    careForms: i.careForms,
    places: i.places,
    totalPlaces: i.totalPlaces,
    receiptNo: i.receiptNo!,
    filedOn,
    inclusive: i.inclusive ? { priceCapFen: i.inclusive.priceCapFen, inclusivePlaces: i.inclusive.inclusivePlaces, grantedOn: i.inclusive.grantedOn } : null,
    demonstrationYears: i.demonstrations.map((d) => d.year),
    creditGrade: i.creditGrade ?? null,
  };
}

/** 公示: filed institutions as parents see them — no owner, no USCC, no personal data. */
export class PublicRegister {
  constructor(private readonly dataSource: DataSource) {}

  async list(request: PublicInstitutionsRequest): Promise<Page<PublicInstitutionView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const qb = this.dataSource.getRepository(Institution).createQueryBuilder('i').where(`i.status = 'filed'`);
    if (request.divisionCode) qb.andWhere('i.division_code LIKE :div', { div: `${divisionPrefix(request.divisionCode)}%` });
    if (request.inclusive === 'true') qb.andWhere('i.inclusive IS NOT NULL');
    if (request.inclusive === 'false') qb.andWhere('i.inclusive IS NULL');
    if (request.careForm) qb.andWhere(':form = ANY(i.care_forms)', { form: request.careForm });
    if (request.q) qb.andWhere('i.name ILIKE :q', { q: `%${request.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` });
    const [rows, total] = await qb.orderBy('i.name').addOrderBy('i.id').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    const filedOn = await this.filedOn(rows.map((r) => r.receiptNo!));
    return { items: rows.map((r) => publicView(r, filedOn.get(r.receiptNo!) ?? null)), total, page, pageSize };
  }

  async get(id: string): Promise<PublicInstitutionView> {
    const institution = await this.dataSource.getRepository(Institution).findOneBy({ id });
    if (!institution || institution.status !== 'filed') throw new DomainError('INSTITUTION_NOT_FOUND', '公示名录中没有该机构');
    const filedOn = await this.filedOn([institution.receiptNo!]);
    return publicView(institution, filedOn.get(institution.receiptNo!) ?? null);
  }

  private async filedOn(receiptNos: string[]): Promise<Map<string, string>> {
    if (receiptNos.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Filing).createQueryBuilder('f')
      .select(['f.receiptNo', 'f.receiptIssuedOn']).where('f.receipt_no = ANY(:nos)', { nos: receiptNos }).getMany();
    return new Map(rows.map((f) => [f.receiptNo!, f.receiptIssuedOn!]));
  }
}
