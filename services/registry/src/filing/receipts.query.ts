import { type Actor, divisionFullName, DomainError, findDivision } from '@shanyu/common';
import type { ReceiptVerification, ReceiptView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { Institution } from '../institutions/institution.entity.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Filing } from './filing.entity.js';
import { FilingQuery } from './get-filing.query.js';
import { FilingRepository } from './filing.repository.js';

function receiptView(filing: Filing, institution: Institution): ReceiptView {
  const county = findDivision(institution.countyCode);
  return {
    receiptNo: filing.receiptNo!,
    filingId: filing.id,
    institutionId: institution.id,
    institutionName: institution.name,
    uscc: institution.uscc,
    address: institution.address,
    divisionCode: institution.divisionCode,
    divisionName: divisionFullName(institution.divisionCode) ?? institution.divisionCode,
    issuedOn: filing.receiptIssuedOn!,
    issuingBureau: `${county?.name ?? institution.countyCode}卫生健康局`,
    // A receipt stays current while its institution is filed under it.
    status: institution.status === 'filed' && institution.receiptNo === filing.receiptNo ? 'valid' : 'revoked',
    // The documents the filing was checked against (checks before rules by jurisdiction name none).
    basis: filing.check.documents ?? [],
  };
}

/** The receipt (备案回执) of an approved filing, for the PDF and department systems. */
export class GetReceipt extends FilingQuery {
  async execute(filingId: string, actor: Actor): Promise<ReceiptView> {
    const { filing, institution } = await this.readable(filingId, actor);
    if (!filing.receiptNo) throw new DomainError('FILING_NOT_APPROVED', '该备案申请尚未通过，没有回执');
    return receiptView(filing, institution);
  }
}

/** Public check of a receipt number (the target of the receipt's QR code): genuine and current? */
export class VerifyReceipt {
  private readonly filings: FilingRepository;
  private readonly institutions: InstitutionRepository;

  constructor(dataSource: DataSource) {
    this.filings = new FilingRepository(dataSource.manager);
    this.institutions = new InstitutionRepository(dataSource.manager);
  }

  async execute(receiptNo: string): Promise<ReceiptVerification> {
    const filing = await this.filings.byReceiptNo(receiptNo);
    if (!filing) {
      return { receiptNo, genuine: false, current: false, message: '查无此备案回执，请谨防伪造', receipt: null };
    }
    const institution = await this.institutions.byIdOrFail(filing.institutionId);
    const { uscc: _uscc, filingId: _filingId, basis: _basis, ...receipt } = receiptView(filing, institution);
    const current = receipt.status === 'valid';
    return {
      receiptNo,
      genuine: true,
      current,
      message: current ? `真实有效：${receipt.institutionName}已于 ${receipt.issuedOn} 备案` : `回执真实，但${receipt.institutionName}已注销或备案已失效`,
      receipt,
    };
  }
}
