import { randomUUID } from 'node:crypto';
import { type Actor, shanghaiToday } from '@shanyu/common';
import { type FindingClosedData, type FindingEventData, type InspectionCompletedData, InspectionEvt, InspectionEvents } from '@shanyu/contracts';
import type { Transaction } from '@shanyu/messaging';
import { findingEventData } from '../findings/finding-events.js';
import { FindingRepository } from '../findings/finding.repository.js';
import type { SupervisionPolicies } from '../policy/supervision-policies.js';
import { PostFilingCheckRepository } from '../post-filing/post-filing-check.repository.js';
import type { WorkingDayCalendarProvider } from '@shanyu/messaging';
import type { Inspection, InspectionResultRow } from './inspection.entity.js';
import { InspectionRepository } from './inspection.repository.js';
import { basicItemFailed, summaryOf } from './inspection-views.js';

/**
 * Runs when the last department signs off. A first inspection turns each failed item into a
 * finding with a deadline in working days by severity (policy) and numbers the rectification
 * notice (整改意见书); a re-inspection closes each re-checked finding as corrected (pass or not
 * applicable) or not corrected (fail). Events: finding.recorded / corrected / uncorrected,
 * inspection.completed.
 */
export class CompleteInspection {
  constructor(
    private readonly policies: SupervisionPolicies,
    private readonly calendars: WorkingDayCalendarProvider,
  ) {}

  async run(tx: Transaction, inspection: Inspection, actor: Actor, now: Date, requestId?: string): Promise<void> {
    const today = shanghaiToday(now);
    const inspections = new InspectionRepository(tx.manager);
    const results = await inspections.results(inspection.id);
    inspection.status = 'completed';
    inspection.completedAt = now;
    inspection.completedOn = today;
    const findingIds =
      inspection.kind === 'reinspection'
        ? await this.closeReinspected(tx, inspection, results, actor, today)
        : await this.recordFindings(tx, inspection, results, actor, today);
    if (inspection.kind !== 'reinspection' && findingIds.length)
      inspection.noticeNo = await this.nextNoticeNo(inspections, inspection.divisionCode.slice(0, 6), Number(today.slice(0, 4)));
    await inspections.save(inspection);
    await new PostFilingCheckRepository(tx.manager).markVisited(inspection.institutionId, inspection.id, today);
    const { pending: _pending, ...summary } = summaryOf(inspection, results);
    const data: InspectionCompletedData = {
      inspectionId: inspection.id,
      kind: inspection.kind,
      institutionId: inspection.institutionId,
      divisionCode: inspection.divisionCode,
      departments: inspection.departments.map((d) => d.department),
      completedOn: today,
      summary,
      basicItemFailed: basicItemFailed(inspection, results),
      findingIds,
      originalInspectionId: inspection.originalInspectionId,
    };
    await tx.publish(InspectionEvt.inspectionCompleted, { actor, entityId: inspection.id, data });
    await tx.audit({
      actor,
      action: 'inspection.complete',
      entity: 'inspection',
      entityId: inspection.id,
      after: { summary, findings: findingIds.length, noticeNo: inspection.noticeNo },
      requestId,
    });
  }

  /**
   * A failed result accepted into a completed first inspection's record after its completion (补正 of
   * a late result) becomes a finding like those recorded at completion, unless the item has one.
   */
  async recordLateFinding(
    tx: Transaction,
    inspection: Inspection,
    result: Pick<InspectionResultRow, 'itemCode' | 'note' | 'result'>,
    actor: Actor,
    now: Date,
  ): Promise<string | null> {
    if (inspection.status !== 'completed' || inspection.kind === 'reinspection' || result.result !== 'fail') return null;
    if (await new FindingRepository(tx.manager).existsFor(inspection.id, result.itemCode)) return null;
    const [id] = await this.recordFindings(tx, inspection, [result], actor, shanghaiToday(now));
    return id ?? null;
  }

  private async recordFindings(
    tx: Transaction,
    inspection: Inspection,
    results: Pick<InspectionResultRow, 'itemCode' | 'note' | 'result'>[],
    actor: Actor,
    today: string,
  ): Promise<string[]> {
    const calendar = await this.calendars.current(tx.manager);
    // The deadlines of the policy in force where the institution is, on the day the findings are recorded.
    const policy = await this.policies.policyFor(tx.manager, inspection.divisionCode, today);
    const findings = new FindingRepository(tx.manager);
    const form = new Map(inspection.form.map((i) => [i.code, i]));
    const ids: string[] = [];
    for (const r of results.filter((x) => x.result === 'fail')) {
      const item = form.get(r.itemCode)!;
      const finding = await findings.add({
        id: randomUUID(),
        inspectionId: inspection.id,
        institutionId: inspection.institutionId,
        institutionName: inspection.institutionName,
        divisionCode: inspection.divisionCode,
        department: item.department,
        itemCode: item.code,
        item: {
          text: item.text,
          legalBasis: item.legalBasis,
          severity: item.severity,
          basic: item.basic,
          area: item.area,
          checklistVersion: item.checklistVersion,
        },
        note: r.note,
        recordedOn: today,
        deadline: calendar.addWorkingDays(today, policy.rectificationWorkingDays[item.severity]),
        status: 'open',
        report: null,
        closedOn: null,
        closure: null,
        reinspectionId: null,
        overdueNotifiedOn: null,
      });
      const data: FindingEventData = findingEventData(finding);
      await tx.publish(InspectionEvt.findingRecorded, { actor, entityId: finding.id, data });
      ids.push(finding.id);
    }
    return ids;
  }

  private async closeReinspected(tx: Transaction, inspection: Inspection, results: InspectionResultRow[], actor: Actor, today: string): Promise<string[]> {
    const findings = new FindingRepository(tx.manager);
    const reinspected = await findings.lockReinspectedBy(inspection.id);
    const byCode = new Map(results.map((r) => [r.itemCode, r]));
    const ids: string[] = [];
    for (const finding of reinspected.filter((f) => f.isOpen)) {
      const r = byCode.get(finding.itemCode);
      finding.status = r && r.result !== 'fail' ? 'corrected' : 'not_corrected';
      finding.closedOn = today;
      finding.closure = { by: 'reinspection', inspectionId: inspection.id, department: finding.department, note: r?.note ?? null };
      await findings.save(finding);
      const data: FindingClosedData = {
        ...findingEventData(finding),
        status: finding.status,
        closedOn: today,
        by: 'reinspection',
        reinspectionId: inspection.id,
      };
      await tx.publish({
        subject: finding.status === 'corrected' ? InspectionEvents.findingCorrected : InspectionEvents.findingUncorrected,
        actor,
        entityId: finding.id,
        data,
      });
      ids.push(finding.id);
    }
    return ids;
  }

  /** 整改意见书编号 `330106-整改-2026-0001`: per district and year, gap-free inside committed transactions. */
  private async nextNoticeNo(inspections: InspectionRepository, county: string, year: number): Promise<string> {
    const last = await inspections.nextNoticeNumber(county, year);
    return `${county}-整改-${year}-${String(last).padStart(4, '0')}`;
  }
}
