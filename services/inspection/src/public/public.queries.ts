import { divisionPrefix, shanghaiToday } from '@shanyu/common';
import type { FindingStatus, Page, PublicComplaintView, PublicInspectionsRequest, PublicInspectionView } from '@shanyu/contracts';
import { type DataSource, In } from 'typeorm';
import { Complaint } from '../complaints/complaint.entity.js';
import { Finding } from '../findings/finding.entity.js';
import { Inspection } from '../inspections/inspection.entity.js';
import { basicItemFailed, resultsOf, summaryOf } from '../inspections/inspection-views.js';
import { inspectionNotFound } from '../inspections/record-results.use-case.js';
import { Inspector } from '../inspectors/inspector.entity.js';
import { Penalty } from '../penalties/penalty.entity.js';

/** New York publishes each cited item as Corrected / Not corrected; so do we, in Chinese first. */
const STATUS_LABELS: Record<FindingStatus, string> = {
  open: '整改中', reported: '已提交整改报告，待核查', corrected: '已整改（Corrected）', not_corrected: '未整改（Not corrected）',
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
    const qb = this.dataSource.getRepository(Inspection).createQueryBuilder('i').where(`i.status = 'completed'`);
    if (request.institutionId) qb.andWhere('i.institution_id = :institutionId', { institutionId: request.institutionId });
    if (request.divisionCode) qb.andWhere('i.division_code LIKE :division', { division: `${divisionPrefix(request.divisionCode)}%` });
    const [rows, total] = await qb.orderBy('i.completed_at', 'DESC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: await Promise.all(rows.map((r) => this.view(r))), total, page, pageSize };
  }

  async get(id: string): Promise<PublicInspectionView> {
    const inspection = await this.dataSource.getRepository(Inspection).findOneBy({ id, status: 'completed' });
    if (!inspection) throw inspectionNotFound(id);
    return this.view(inspection);
  }

  private async view(inspection: Inspection): Promise<PublicInspectionView> {
    const manager = this.dataSource.manager;
    const today = shanghaiToday(this.now());
    const results = await resultsOf(manager, inspection.id);
    const byCode = new Map(results.map((r) => [r.itemCode, r]));
    const ids = inspection.departments.flatMap((d) => d.inspectorIds);
    const names = new Map((ids.length ? await manager.getRepository(Inspector).findBy({ id: In(ids) }) : []).map((x) => [x.id, x.name]));
    // A re-inspection shows the findings it closed; a first inspection the findings it recorded.
    const findings = await manager.getRepository(Finding).find({
      where: inspection.kind === 'reinspection' ? { reinspectionId: inspection.id } : { inspectionId: inspection.id }, order: { itemCode: 'ASC' },
    });
    const penalties = findings.length ? await manager.getRepository(Penalty).findBy({ findingId: In(findings.map((f) => f.id)) }) : [];
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
      items: inspection.form.map((i) => ({ code: i.code, department: i.department, area: i.area, text: i.text, result: byCode.get(i.code)?.result ?? null, note: byCode.get(i.code)?.note ?? null })),
      findings: findings.map((f) => ({
        id: f.id, department: f.department, itemText: f.item.text, note: f.note, deadline: f.deadline, status: f.status,
        statusLabel: f.isOverdue(today) ? '逾期未整改' : STATUS_LABELS[f.status], closedOn: f.closedOn,
      })),
      penalties: penalties.map((p) => ({ department: p.department, violation: p.penaltyItem.violation, kinds: p.kinds, fineFen: p.fineFen, decisionNo: p.decisionNo, issuedOn: p.issuedOn })),
    };
  }
}

/** Closed complaints and their outcome, without the complainant's identity, contact or words. */
export class PublicComplaints {
  constructor(private readonly dataSource: DataSource) {}

  async list(request: PublicInspectionsRequest): Promise<Page<PublicComplaintView>> {
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const qb = this.dataSource.getRepository(Complaint).createQueryBuilder('c').where(`c.status = 'closed'`);
    if (request.institutionId) qb.andWhere('c.institution_id = :institutionId', { institutionId: request.institutionId });
    if (request.divisionCode) qb.andWhere('c.division_code LIKE :division', { division: `${divisionPrefix(request.divisionCode)}%` });
    const [rows, total] = await qb.orderBy('c.received_at', 'DESC').skip((page - 1) * pageSize).take(pageSize).getManyAndCount();
    return { items: rows.map((c) => c.toPublicView()), total, page, pageSize };
  }
}
