import { shanghaiToday } from '@shanyu/common';
import type { FindingStatus, Page, PublicComplaintView, PublicInspectionsRequest, PublicInspectionView } from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import { FindingRepository } from '../findings/finding.repository.js';
import type { Inspection } from '../inspections/inspection.entity.js';
import { InspectionRepository } from '../inspections/inspection.repository.js';
import { basicItemFailed, summaryOf } from '../inspections/inspection-views.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import { PenaltyRepository } from '../penalties/penalty.repository.js';
import { PublicRegisterRepository } from './public-register.repository.js';

/** New York publishes each cited item as Corrected / Not corrected; so do we, in Chinese first. */
const STATUS_LABELS: Record<FindingStatus, string> = {
  open: '整改中',
  reported: '已提交整改报告，待核查',
  corrected: '已整改（Corrected）',
  not_corrected: '未整改（Not corrected）',
};

/**
 * 一公开: completed inspections as the public sees them — every item with its text and result,
 * each finding with its status, penalties with their decision numbers. No evidence, no personal data.
 */
export class PublicInspections {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async list(request: PublicInspectionsRequest): Promise<Page<PublicInspectionView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const { items: rows, total } = await new PublicRegisterRepository(this.dataSource.manager).completedInspections(
      { institutionId: request.institutionId, divisionCode: request.divisionCode },
      page,
      pageSize,
    );
    return { items: await Promise.all(rows.map((r) => this.view(r))), total, page, pageSize };
  }

  async get(id: string): Promise<PublicInspectionView> {
    return this.view(await new PublicRegisterRepository(this.dataSource.manager).completedInspection(id));
  }

  private async view(inspection: Inspection): Promise<PublicInspectionView> {
    const manager = this.dataSource.manager;
    const today = shanghaiToday(this.now());
    const results = await new InspectionRepository(manager).results(inspection.id);
    const byCode = new Map(results.map((r) => [r.itemCode, r]));
    const names = await new InspectorRepository(manager).namesOf(inspection.departments.flatMap((d) => d.inspectorIds));
    // A re-inspection shows the findings it closed; a first inspection the findings it recorded.
    const findingRepository = new FindingRepository(manager);
    const findings =
      inspection.kind === 'reinspection' ? await findingRepository.reinspectedBy(inspection.id) : await findingRepository.ofInspection(inspection.id);
    const penalties = await new PenaltyRepository(manager).ofFindings(findings.map((f) => f.id));
    const { pending: _pending, ...summary } = summaryOf(inspection, results);
    return {
      id: inspection.id,
      kind: inspection.kind,
      planId: inspection.planId,
      originalInspectionId: inspection.originalInspectionId,
      institutionId: inspection.institutionId,
      institutionName: inspection.institutionName,
      divisionCode: inspection.divisionCode,
      departments: inspection.departments.map((d) => ({ department: d.department, inspectors: d.inspectorIds.map((x) => names.get(x) ?? x) })),
      completedOn: inspection.completedOn!,
      summary: { ...summary, pending: 0 },
      basicItemFailed: basicItemFailed(inspection, results),
      items: inspection.form.map((i) => ({
        code: i.code,
        department: i.department,
        area: i.area,
        text: i.text,
        result: byCode.get(i.code)?.result ?? null,
        note: byCode.get(i.code)?.note ?? null,
      })),
      findings: findings.map((f) => ({
        id: f.id,
        department: f.department,
        itemText: f.item.text,
        note: f.note,
        deadline: f.deadline,
        status: f.status,
        statusLabel: f.isOverdue(today) ? '逾期未整改' : STATUS_LABELS[f.status],
        closedOn: f.closedOn,
      })),
      penalties: penalties.map((p) => ({
        department: p.department,
        violation: p.penaltyItem.violation,
        kinds: p.kinds,
        fineFen: p.fineFen,
        decisionNo: p.decisionNo,
        issuedOn: p.issuedOn,
      })),
    };
  }
}

/** Closed complaints and their outcome, without the complainant's identity, contact or words. */
export class PublicComplaints {
  constructor(private readonly dataSource: DataSource) {}

  async list(request: PublicInspectionsRequest): Promise<Page<PublicComplaintView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const { items, total } = await new PublicRegisterRepository(this.dataSource.manager).closedComplaints(
      { institutionId: request.institutionId, divisionCode: request.divisionCode },
      page,
      pageSize,
    );
    return { items: items.map((c) => c.toPublicView()), total, page, pageSize };
  }
}
