import { randomUUID } from 'node:crypto';
import { type Actor, departmentNotAllowed, DomainError, type FieldProblem, shanghaiToday, withinDivision } from '@shanyu/common';
import { type CreateInspectionBody, INSPECTION_DEPARTMENTS, type InspectionAlert, type InspectionKind, type InspectionView } from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import { assertCovers, assertDepartment } from '../access.js';
import type { ChecklistCatalog } from '../checklists/checklist-catalog.js';
import type { Complaint } from '../complaints/complaint.entity.js';
import { ComplaintRepository } from '../complaints/complaint.repository.js';
import { labelOf } from '../departments.js';
import { buildForm } from '../forms/merged-form.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import { PlanRepository } from '../plans/plan.repository.js';
import { inspectorsByDepartment } from '../plans/plan-rows.js';
import type { SupervisionPolicies } from '../policy/supervision-policies.js';
import type { SupervisionPolicy } from '../policy/supervision-policy.js';
import { gradesOf } from '../replicas/credit-grades.js';
import type { InstitutionReplica } from '../replicas/institution-replica.entity.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import type { InspectionDepartmentRow } from './inspection.entity.js';
import { InspectionRepository } from './inspection.repository.js';
import { countedInYear, repeatAlerts } from './inspection-history.js';
import { inspectionView } from './inspection-views.js';

/** Departments whose officials may open a joint inspection (the caller's department leads it; usually the street office). */
export const INSPECTING_DEPARTMENTS: string[] = [...INSPECTION_DEPARTMENTS];

interface Staffing {
  kind: InspectionKind;
  institutionId: string;
  departments: { department: string; inspectorIds: string[] }[];
  alerts: InspectionAlert[];
  planId: string | null;
  complaint: Complaint | null;
}

/**
 * 综合查一次: opens one joint visit — from a drawn plan (its drawn inspectors), ad hoc, or from an
 * accepted complaint — with one merged form frozen from the lists in force on the visit day.
 * The yearly cap and the repeated-inspection alert (国办发〔2024〕54号) are applied here.
 */
export class CreateInspection {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: ChecklistCatalog,
    private readonly policies: SupervisionPolicies,
    private readonly now: () => Date,
  ) {}

  async execute(body: CreateInspectionBody, actor: Actor, requestId?: string): Promise<InspectionView> {
    assertDepartment(actor, INSPECTING_DEPARTMENTS, '发起联合检查');
    if (actor.role === 'operator') throw departmentNotAllowed(actor, '发起检查');
    const now = this.now();
    const scheduledOn = body.scheduledOn ?? shanghaiToday(now);
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      const staffing = body.planId ? await this.fromPlan(tx, body) : await this.adHoc(tx, body, scheduledOn);
      const institution = await institutions.get(staffing.institutionId);
      assertCovers(actor, institution.divisionCode);
      if (institution.status === 'deregistered') throw new DomainError('INSTITUTION_DEREGISTERED', `机构“${institution.name}”已注销`);
      if (staffing.kind === 'planned' && institution.status !== 'filed')
        throw new DomainError('INSTITUTION_NOT_FILED', `机构“${institution.name}”不是已备案机构`);

      // The policy and the lists in force where the institution is, on the visit day.
      const policy = await this.policies.policyFor(tx.manager, institution.divisionCode, scheduledOn);
      const departments = staffing.departments.map((d) => d.department);
      await this.assertInspectorsAvailable(tx, institution, staffing.departments, policy);
      const alerts = [...staffing.alerts, ...(await this.frequencyAlerts(tx, staffing, body, institution, scheduledOn, policy))];

      const items = await this.catalog.inspectionItems(tx.manager, institution.divisionCode, scheduledOn, departments);
      const withoutList = departments.filter((d) => !items.some((l) => l.department === d));
      if (withoutList.length) {
        throw new DomainError(
          'CHECKLIST_NOT_IN_FORCE',
          `清单之外无检查：${withoutList.map(labelOf).join('、')}部门在 ${scheduledOn} 没有适用于 ${institution.divisionCode} 的检查事项清单`,
        );
      }
      const grade = (await gradesOf(institutions, [institution.id])).get(institution.id)!;
      const abbreviated = staffing.kind === 'planned' && policy.abbreviatedGrades.includes(grade);
      const form = buildForm({
        items,
        operatorType: institution.operatorType,
        nature: institution.nature,
        kind: abbreviated ? 'abbreviated' : 'full',
        abbreviatedMinRiskWeight: policy.abbreviatedMinRiskWeight,
      });
      const inspection = await new InspectionRepository(tx.manager).add({
        id: randomUUID(),
        kind: staffing.kind,
        planId: staffing.planId,
        complaintId: staffing.complaint?.id ?? null,
        originalInspectionId: null,
        institutionId: institution.id,
        institutionName: institution.name,
        divisionCode: institution.divisionCode,
        grade,
        formKind: abbreviated ? 'abbreviated' : 'full',
        scheduledOn,
        status: 'open',
        leadDepartment: actor.department,
        departments: staffing.departments.map((d): InspectionDepartmentRow => ({ ...d, signedOffAt: null, signedOffBy: null, comment: null })),
        form,
        alerts,
        policyVersion: policy.version,
        noticeNo: null,
        createdAt: now,
        createdBy: { department: actor.department, userId: actor.userId },
        completedAt: null,
        completedOn: null,
      });
      if (staffing.complaint) {
        staffing.complaint.inspectionId = inspection.id;
        await new ComplaintRepository(tx.manager).save(staffing.complaint);
      }
      await tx.audit({
        actor,
        action: 'inspection.create',
        entity: 'inspection',
        entityId: inspection.id,
        requestId,
        after: {
          kind: inspection.kind,
          institutionId: institution.id,
          planId: inspection.planId,
          departments: staffing.departments,
          formKind: inspection.formKind,
          items: form.length,
          alerts,
        },
      });
      return inspectionView(tx.manager, inspection, shanghaiToday(now));
    });
  }

  /** From a drawn plan: the institution must have been drawn; its drawn inspectors take part. */
  private async fromPlan(tx: Transaction, body: CreateInspectionBody): Promise<Staffing> {
    // Only the small columns and the one drawn row.
    const plans = new PlanRepository(tx.manager);
    const plan = await plans.outline(body.planId!);
    if (plan.status !== 'drawn') throw new DomainError('PLAN_NOT_DRAWN', '抽查计划尚未抽取');
    if (!body.institutionId) throw DomainError.validation([{ field: 'institutionId', code: 'isDefined', message: '按计划检查必须指定被抽中的机构' }]);
    if (body.departments?.length)
      throw DomainError.validation([{ field: 'departments', code: 'notAllowed', message: '按计划检查的部门和执法人员由抽取结果确定' }]);
    const drawn = await plans.drawnEntry(plan.id, body.institutionId);
    if (!drawn) throw new DomainError('INSTITUTION_NOT_DRAWN', '该机构未在本计划中被抽中；计划外检查请按非计划检查发起');
    const inspectors = inspectorsByDepartment(plan.departments, drawn.inspectors);
    return {
      kind: 'planned',
      institutionId: drawn.institutionId,
      planId: plan.id,
      complaint: null,
      alerts: drawn.alerts,
      departments: plan.departments.map((d) => ({ department: d, inspectorIds: inspectors[d] ?? [] })),
    };
  }

  /** Ad hoc or from an accepted complaint: departments and inspectors named by the caller. */
  private async adHoc(tx: Transaction, body: CreateInspectionBody, _scheduledOn: string): Promise<Staffing> {
    const kind = body.kind ?? 'adhoc';
    if (!body.institutionId) throw DomainError.validation([{ field: 'institutionId', code: 'isDefined', message: '必须指定被检查机构' }]);
    if (!body.departments?.length) throw DomainError.validation([{ field: 'departments', code: 'arrayMinSize', message: '至少一个部门参加检查' }]);
    const seen = new Set<string>();
    for (const [i, d] of body.departments.entries()) {
      if (seen.has(d.department))
        throw DomainError.validation([{ field: `departments.${i}.department`, code: 'duplicate', message: `${labelOf(d.department)}部门重复` }]);
      seen.add(d.department);
    }
    let complaint: Complaint | null = null;
    if (kind === 'complaint') {
      if (!body.complaintId) throw DomainError.validation([{ field: 'complaintId', code: 'isDefined', message: '投诉举报引起的检查必须指定投诉' }]);
      complaint = await new ComplaintRepository(tx.manager).lock(body.complaintId);
      if (complaint.status !== 'accepted') throw new DomainError('COMPLAINT_NOT_ACCEPTED', '只有已受理的投诉才能引起检查');
      if (complaint.institutionId !== body.institutionId)
        throw DomainError.validation([{ field: 'institutionId', code: 'mismatch', message: '被检查机构与投诉对象不一致' }]);
    }
    const order = (d: string) => INSPECTION_DEPARTMENTS.indexOf(d as (typeof INSPECTION_DEPARTMENTS)[number]);
    const departments = [...body.departments]
      .sort((a, b) => order(a.department) - order(b.department))
      .map((d) => ({ department: d.department, inspectorIds: [...d.inspectorIds] }));
    return { kind, institutionId: body.institutionId, planId: null, complaint, alerts: [], departments };
  }

  /** At least the policy's number of active inspectors per department, of that department, in the institution's area, without a conflict. */
  private async assertInspectorsAvailable(
    tx: Transaction,
    institution: InstitutionReplica,
    departments: { department: string; inspectorIds: string[] }[],
    policy: SupervisionPolicy,
  ): Promise<void> {
    const m = policy.minInspectorsPerDepartment;
    const short = departments.filter((d) => d.inspectorIds.length < m);
    if (short.length) {
      throw new DomainError(
        'INSPECTION_NOT_ENOUGH_INSPECTORS',
        `${short.map((d) => labelOf(d.department)).join('、')}部门执法人员不足 ${m} 名`,
        short.map((d) => ({
          field: `departments.${d.department}`,
          code: 'INSPECTION_NOT_ENOUGH_INSPECTORS',
          message: `${labelOf(d.department)}部门只有 ${d.inspectorIds.length} 名执法人员，至少需要 ${m} 名`,
        })),
      );
    }
    const ids = departments.flatMap((d) => d.inspectorIds);
    const inspectorRepository = new InspectorRepository(tx.manager);
    const inspectors = new Map((await inspectorRepository.byIds(ids)).map((x) => [x.id, x]));
    const conflicts = await inspectorRepository.inConflictWith(institution.id, ids);
    const problems: FieldProblem[] = [];
    for (const d of departments) {
      for (const id of d.inspectorIds) {
        const x = inspectors.get(id);
        const why = !x
          ? '不存在'
          : !x.active
            ? '已停用'
            : x.department !== d.department
              ? `不属于${labelOf(d.department)}部门`
              : !x.divisionCodes.some((c) => withinDivision(c, institution.divisionCode))
                ? '不负责该机构所在区划'
                : conflicts.has(id)
                  ? '与该机构存在利害关系，应当回避'
                  : null;
        if (why)
          problems.push({ field: `departments.${d.department}.inspectorIds`, code: 'INSPECTOR_NOT_AVAILABLE', message: `执法人员 ${x?.name ?? id} ${why}` });
      }
    }
    if (problems.length) throw new DomainError('INSPECTOR_NOT_AVAILABLE', problems.map((p) => p.message).join('；'), problems);
  }

  /** Yearly cap (refused) and repeated inspection (refused without a reason, flagged with one). */
  private async frequencyAlerts(
    tx: Transaction,
    staffing: Staffing,
    body: CreateInspectionBody,
    institution: InstitutionReplica,
    on: string,
    policy: SupervisionPolicy,
  ): Promise<InspectionAlert[]> {
    const history = (await new InspectionRepository(tx.manager).history([institution.id])).get(institution.id) ?? [];
    const alerts: InspectionAlert[] = [];
    const counted = !policy.capExemptKinds.includes(staffing.kind);
    const year = Number(on.slice(0, 4));
    const done = countedInYear(history, year, policy.capExemptKinds);
    if (counted && done >= policy.yearlyCap) {
      const message = `“${institution.name}”${year} 年已接受 ${done} 次检查，达到年度检查上限 ${policy.yearlyCap} 次（国办发〔2024〕54号）`;
      if (staffing.kind !== 'planned') throw new DomainError('INSPECTION_YEARLY_CAP', message);
      alerts.push({ code: 'INSPECTION_YEARLY_CAP', message });
    }
    if (staffing.kind === 'adhoc') {
      const repeats = repeatAlerts(
        history,
        staffing.departments.map((d) => d.department),
        on,
        policy.repeatWindowDays,
      );
      if (repeats.length && !body.repeatReason) {
        throw new DomainError(
          'INSPECTION_REPEATED',
          `${repeats.map((a) => a.message).join('；')}。确需检查的请说明理由（repeatReason）`,
          repeats.map((a) => ({ field: 'repeatReason', code: 'INSPECTION_REPEATED', message: a.message })),
        );
      }
      alerts.push(...repeats.map((a) => ({ ...a, message: `${a.message}；理由：${body.repeatReason}` })));
    } else if (staffing.kind === 'complaint') {
      alerts.push(
        ...repeatAlerts(
          history,
          staffing.departments.map((d) => d.department),
          on,
          policy.repeatWindowDays,
        ),
      );
    }
    return alerts;
  }
}
