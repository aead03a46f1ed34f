import { DomainError, divisionFullName, divisionPrefix } from '@shanyu/common';
import type { Page, PublicInstitutionsRequest, PublicInstitutionView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { Institution } from '../institutions/institution.entity.js';
import { PublicRegisterRepository } from './public-register.repository.js';

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
  private readonly register: PublicRegisterRepository;

  constructor(dataSource: DataSource) {
    this.register = new PublicRegisterRepository(dataSource.manager);
  }

  async list(request: PublicInstitutionsRequest): Promise<Page<PublicInstitutionView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const [rows, total] = await this.register.filedPage(
      {
        divisionPrefix: request.divisionCode ? divisionPrefix(request.divisionCode) : undefined,
        inclusive: request.inclusive === 'true' ? true : request.inclusive === 'false' ? false : undefined,
        careForm: request.careForm,
        nameContains: request.q,
      },
      page,
      pageSize,
    );
    const filedOn = await this.register.filedOn(rows.map((r) => r.receiptNo!));
    return { items: rows.map((r) => publicView(r, filedOn.get(r.receiptNo!) ?? null)), total, page, pageSize };
  }

  async get(id: string): Promise<PublicInstitutionView> {
    const institution = await this.register.institution(id);
    if (!institution || institution.status !== 'filed') throw new DomainError('INSTITUTION_NOT_FOUND', '公示名录中没有该机构');
    const filedOn = await this.register.filedOn([institution.receiptNo!]);
    return publicView(institution, filedOn.get(institution.receiptNo!) ?? null);
  }
}
