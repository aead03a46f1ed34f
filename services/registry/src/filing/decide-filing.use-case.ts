import { type Actor, divisionFullName, DomainError, shanghaiToday } from '@shanyu/common';
import { type FilingDecisionRequest, type FilingView, RegistryEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Filing } from './filing.entity.js';
import { filingNotFound } from './filing-errors.js';
import { FilingRepository } from './filing.repository.js';

/**
 * 备案审核决定 by the district health bureau: approve issues a receipt number (district code +
 * year + sequence) and files the institution; reject gives reasons and allows resubmission.
 * Approving an approved filing again returns the same receipt.
 */
export class DecideFiling {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: FilingDecisionRequest, actor: Actor, requestId?: string): Promise<FilingView> {
    return this.unitOfWork.run(async (tx) => {
      const filings = new FilingRepository(tx.manager);
      const institutions = new InstitutionRepository(tx.manager);
      const filing = await filings.byIdForUpdate(request.id);
      if (!filing) throw filingNotFound(request.id);
      this.policy.assertHealthBureau(actor, filing, '备案审核');
      const now = this.now();
      const today = shanghaiToday(now);
      if (filing.status === 'approved' && request.decision === 'approve') return filing.toView(today);
      if (filing.status !== 'submitted') {
        throw new DomainError('FILING_NOT_SUBMITTED', `该备案申请已${filing.status === 'approved' ? '通过' : '退回'}，不能再作决定`);
      }
      const reasons = (request.reasons ?? []).map((r) => (r.ruleId ? { ruleId: r.ruleId, text: r.text } : { text: r.text }));
      if (request.decision === 'reject') this.assertReasons(reasons, filing);

      const institution = await institutions.byIdForUpdate(filing.institutionId);
      if (!institution) throw new DomainError('INSTITUTION_NOT_FOUND', '机构不存在');
      filing.decision = {
        decision: request.decision,
        decidedAt: now.toISOString(),
        decidedBy: { department: actor.department, userId: actor.userId },
        reasons,
        comment: request.comment ?? null,
      };
      const before = institution.status;
      if (request.decision === 'approve') {
        filing.status = 'approved';
        filing.receiptNo = await this.nextReceiptNo(filings, institution.countyCode, Number(today.slice(0, 4)));
        filing.receiptIssuedOn = today;
        institution.status = 'filed';
        institution.receiptNo = filing.receiptNo;
      } else {
        filing.status = 'rejected';
        institution.status = 'filing_rejected';
      }
      await filings.save(filing);
      await institutions.save(institution);
      await tx.publish(request.decision === 'approve' ? RegistryEvt.filingApproved : RegistryEvt.filingRejected, {
        actor,
        entityId: filing.id,
        data: {
          filingId: filing.id,
          institutionId: institution.id,
          divisionCode: institution.divisionCode,
          receiptNo: filing.receiptNo,
          reasons,
          institution: institution.toView(),
        },
      });
      await tx.audit({
        actor,
        action: `filing.${request.decision}`,
        entity: 'filing',
        entityId: filing.id,
        before: { status: 'submitted' },
        after: { status: filing.status, receiptNo: filing.receiptNo, reasons },
        reason: request.comment,
        requestId,
      });
      await tx.audit({
        actor,
        action: 'institution.status',
        entity: 'institution',
        entityId: institution.id,
        before: { status: before },
        after: { status: institution.status },
        requestId,
      });
      return filing.toView(today);
    });
  }

  private assertReasons(reasons: { ruleId?: string; text: string }[], filing: Filing): void {
    if (reasons.length === 0) {
      throw DomainError.validation([{ field: 'reasons', code: 'arrayMinSize', message: '退回备案必须说明理由' }]);
    }
    // A filing is judged by the rules in force for its institution's division on its date (the
    // stored check): a rule of another place, or not yet in force, is no reason to refuse it.
    const known = new Set(filing.check.results.map((r) => r.ruleId));
    const unknown = reasons.map((r, i) => ({ r, i })).filter(({ r }) => r.ruleId && !known.has(r.ruleId));
    if (unknown.length) {
      const where = `${divisionFullName(filing.divisionCode) ?? filing.divisionCode}${filing.check.rulesDate ? ` ${filing.check.rulesDate}` : ''}`;
      throw DomainError.validation(
        unknown.map(({ r, i }) => ({ field: `reasons.${i}.ruleId`, code: 'unknownRule', message: `规则 ${r.ruleId} 不在该备案适用的规则中（${where}）` })),
      );
    }
  }

  /** 回执编号 `330106-2026-0001`: per district and year, gap-free inside committed transactions. */
  private async nextReceiptNo(filings: FilingRepository, county: string, year: number): Promise<string> {
    const last = await filings.nextReceiptSequence(county, year);
    return `${county}-${year}-${String(last).padStart(4, '0')}`;
  }
}
