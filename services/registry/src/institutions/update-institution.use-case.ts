import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { type InstitutionView, RegistryEvt, type UpdateInstitutionRequest } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { Institution } from './institution.entity.js';
import type { InstitutionAccessPolicy } from './institution-access.policy.js';
import { institutionNotFound } from './institution-errors.js';
import { InstitutionRepository } from './institution.repository.js';
import { FilingRepository } from '../filing/filing.repository.js';
import { checkFiling } from '../filing/standards/standards-checker.js';
import type { RegistryRuleDocuments } from '../rules/registry-rule-documents.js';
import type { Transaction } from '@shanyu/messaging';

const CHANGEABLE = ['name', 'operatorType', 'careForms', 'divisionCode', 'address', 'floor', 'buildingAreaM2', 'outdoorAreaM2', 'places'] as const;
/** Facts the filing standards read: changing one on a filed institution re-runs its check. */
const CHECKED_FACTS = new Set(['floor', 'buildingAreaM2', 'outdoorAreaM2', 'places']);
/** Facts indicators count: a change of one is kept in the institution's history from the day of the change. */
const COUNTED_FACTS = new Set(['divisionCode', 'operatorType', 'places']);

/** Changes registration data (登记变更); the audit entry keeps before, after and the reason. */
export class UpdateInstitution {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
    private readonly rules: RegistryRuleDocuments,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: UpdateInstitutionRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    if (CHANGEABLE.every((key) => request[key] === undefined)) {
      throw DomainError.validation([{ field: 'body', code: 'NO_CHANGES', message: `至少提供一项要变更的信息：${CHANGEABLE.join('、')}` }]);
    }
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      const institution = await institutions.byIdForUpdate(request.id);
      if (!institution) throw institutionNotFound(request.id);
      this.policy.assertCanChange(actor, institution, request.divisionCode);
      if (institution.status === 'deregistered') throw new DomainError('INSTITUTION_DEREGISTERED', '该机构已注销，不能变更');
      if (request.expectedVersion !== undefined && request.expectedVersion !== institution.version) {
        throw new DomainError('INSTITUTION_VERSION_CONFLICT', `机构信息已被他人修改（当前版本 ${institution.version}），请刷新后重试`);
      }
      const before = institution.toView();
      const changed: string[] = [];
      for (const key of CHANGEABLE) {
        const value = request[key];
        if (value === undefined) continue;
        const next = key === 'places' ? { ...(value as object) } : value;
        if (JSON.stringify(next) === JSON.stringify(before[key])) continue;
        (institution as unknown as Record<string, unknown>)[key] = next;
        changed.push(key);
      }
      if (changed.length === 0) return before;
      if (changed.includes('divisionCode')) institution.countyCode = institution.divisionCode.slice(0, 6);
      await institutions.save(institution);
      if (changed.some((c) => COUNTED_FACTS.has(c))) await institutions.recordHistory(institution, shanghaiToday(this.now()));
      const after = institution.toView();
      await tx.publish(RegistryEvt.institutionUpdated, {
        actor,
        entityId: institution.id,
        data: { institution: after, changed },
      });
      await tx.audit({
        actor,
        action: 'institution.update',
        entity: 'institution',
        entityId: institution.id,
        before,
        after,
        reason: request.reason,
        requestId,
      });
      if (changed.some((c) => CHECKED_FACTS.has(c))) await this.recheckFiling(tx, institution, changed, actor, requestId);
      return after;
    });
  }

  /**
   * Re-runs the standards check of the institution's current filing with the changed facts: the
   * rules in force on the filing date, for the division the institution is in now.
   */
  private async recheckFiling(tx: Transaction, institution: Institution, changed: string[], actor: Actor, requestId?: string): Promise<void> {
    if (institution.status !== 'filed' && institution.status !== 'filing_submitted') return;
    const filings = new FilingRepository(tx.manager);
    const filing = await filings.latestOfInstitutionForUpdate(institution.id);
    if (!filing || filing.status === 'rejected') return;
    const previous = filing.check;
    filing.checkHistory = [...filing.checkHistory, previous];
    const documents = await this.rules.filing(tx.manager);
    filing.check = checkFiling(
      { submission: filing.submission, institution },
      { documents, divisionCode: institution.divisionCode, date: shanghaiToday(filing.submittedAt) },
    );
    await filings.save(filing);
    await tx.publish(RegistryEvt.filingRechecked, {
      actor,
      entityId: filing.id,
      data: { filingId: filing.id, institutionId: institution.id, summary: filing.check.summary, changed },
    });
    await tx.audit({
      actor,
      action: 'filing.recheck',
      entity: 'filing',
      entityId: filing.id,
      before: previous.summary,
      after: filing.check.summary,
      requestId,
    });
  }
}
