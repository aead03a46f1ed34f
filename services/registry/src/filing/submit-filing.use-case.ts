import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type FilingView, RegistryEvt, type SubmitFilingRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { institutionNotFound } from '../institutions/institution-errors.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { FilingRepository } from './filing.repository.js';
import type { RegistryRuleDocuments } from '../rules/registry-rule-documents.js';
import { checkFiling } from './standards/standards-checker.js';
import type { WorkingDayCalendarProvider } from '@shanyu/messaging';

/** Time limits of 国卫办人口发〔2019〕25号 第九条: a receipt within 5 working days, non-compliance notified within 15. */
export const RECEIPT_WORKING_DAYS = 5;
export const NOTICE_WORKING_DAYS = 15;

/**
 * 备案申请: stores the submission with its automatic standards check — the filing rules in force
 * for the institution's division on the filing date, each result naming its document, level and
 * jurisdiction — and working-day deadlines.
 */
export class SubmitFiling {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
    private readonly rules: RegistryRuleDocuments,
    private readonly calendars: WorkingDayCalendarProvider,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: SubmitFilingRequest, actor: Actor, requestId?: string): Promise<FilingView> {
    const { institutionId, ...submission } = request;
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      const filings = new FilingRepository(tx.manager);
      const institution = await institutions.byIdForUpdate(institutionId);
      if (!institution) throw institutionNotFound(institutionId);
      this.policy.assertCanSubmitFiling(actor, institution);
      if (institution.status === 'filing_submitted') throw new DomainError('FILING_ALREADY_SUBMITTED', '该机构已有待审核的备案申请');
      if (institution.status === 'filed') throw new DomainError('INSTITUTION_ALREADY_FILED', '该机构已备案；信息变更请使用机构变更');
      if (institution.status === 'deregistered') throw new DomainError('INSTITUTION_DEREGISTERED', '该机构已注销');

      const now = this.now();
      const today = shanghaiToday(now);
      const calendar = await this.calendars.current(tx.manager);
      const plain = JSON.parse(JSON.stringify(submission));
      const documents = await this.rules.filing(tx.manager);
      const filing = await filings.insert({
        id: randomUUID(),
        institutionId,
        institutionName: institution.name,
        divisionCode: institution.divisionCode,
        status: 'submitted',
        submission: plain,
        check: checkFiling({ submission: plain, institution }, { documents, divisionCode: institution.divisionCode, date: today }, now),
        checkHistory: [],
        submittedAt: now,
        submittedBy: { department: actor.department, userId: actor.userId },
        receiptDueBy: calendar.addWorkingDays(today, RECEIPT_WORKING_DAYS),
        noticeDueBy: calendar.addWorkingDays(today, NOTICE_WORKING_DAYS),
        decision: null,
        receiptNo: null,
        receiptIssuedOn: null,
      });
      const before = institution.status;
      institution.status = 'filing_submitted';
      await institutions.save(institution);
      const view = filing.toView(today);
      await tx.publish(RegistryEvt.filingSubmitted, {
        actor,
        entityId: filing.id,
        data: {
          filingId: filing.id,
          institutionId,
          divisionCode: filing.divisionCode,
          summary: filing.check.summary,
          receiptDueBy: filing.receiptDueBy,
          noticeDueBy: filing.noticeDueBy,
        },
      });
      await tx.audit({
        actor,
        action: 'filing.submit',
        entity: 'filing',
        entityId: filing.id,
        after: { institutionId, summary: filing.check.summary },
        requestId,
      });
      await tx.audit({
        actor,
        action: 'institution.status',
        entity: 'institution',
        entityId: institutionId,
        before: { status: before },
        after: { status: institution.status },
        requestId,
      });
      return view;
    });
  }
}
