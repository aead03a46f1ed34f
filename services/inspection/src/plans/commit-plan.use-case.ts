import { randomBytes, randomUUID } from 'node:crypto';
import { type Actor, DomainError, type FieldProblem, withinDivision } from '@shanyu/common';
import { type CommitPlanBody, type CreditGrade, type DrawInput, INSPECTION_DEPARTMENTS, InspectionEvt, type PlanView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import { assertCovers, assertMayPlan } from '../access.js';
import type { ChecklistCatalog } from '../checklists/checklist-catalog.js';
import { labelOf } from '../departments.js';
import { DRAW_ALGORITHM, DRAW_ALGORITHM_V2, poolHashOf, sha256Hex } from '../draw/draw.js';
import { countedInYear, lastInspectors } from '../inspections/inspection-history.js';
import { InspectionRepository } from '../inspections/inspection.repository.js';
import { InspectorRepository } from '../inspectors/inspector.repository.js';
import type { SupervisionPolicies } from '../policy/supervision-policies.js';
import { gradesOf } from '../replicas/credit-grades.js';
import type { InstitutionReplica } from '../replicas/institution-replica.entity.js';
import { InstitutionRepository } from '../replicas/institution.repository.js';
import type { InspectionPlan } from './plan.entity.js';
import { drawInputHeader } from './plan-rows.js';
import { PlanRepository } from './plan.repository.js';
import { planViewOf, stratumCounts } from './plan-views.js';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * 双随机 step 1 (commit): fixes the pool (filed institutions in the division with their credit
 * grades and, where the policy in force sets unfiledSamplingRatio, registered institutions not
 * yet filed as their own stratum (shanyu-draw/v2) — minus those at the yearly cap; each
 * department's inspectors with conflicts and last-time inspectors), checks that every
 * department has enough inspectors for every institution, and publishes SHA-256 of a fresh
 * secret seed. Nothing is drawn yet.
 */
export class CommitPlan {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly catalog: ChecklistCatalog,
    private readonly policies: SupervisionPolicies,
    private readonly now: () => Date,
  ) {}

  async execute(body: CommitPlanBody, actor: Actor, requestId?: string): Promise<PlanView> {
    const departments = INSPECTION_DEPARTMENTS.filter((d) => body.departments.includes(d));
    assertMayPlan(actor, departments, '制定双随机抽查计划');
    assertCovers(actor, body.divisionCode);

    return this.unitOfWork.run(async (tx) => {
      const { manager } = tx;
      // The policy in force in the plan's division when its period starts: its ratios unless the plan gives its own.
      const policy = await this.policies.policyFor(manager, body.divisionCode, body.periodFrom);
      const m = body.inspectorsPerDepartment ?? policy.minInspectorsPerDepartment;
      // Registered institutions not yet filed are drawn too once the policy in force sets their ratio.
      const unfiledRatio = policy.unfiledSamplingRatio === null ? null : (body.ratios?.unfiled ?? policy.unfiledSamplingRatio);
      const gradeRatios = body.ratios ? { A: body.ratios.A, B: body.ratios.B, C: body.ratios.C, D: body.ratios.D } : { ...policy.samplingRatios };
      const ratios = unfiledRatio === null ? gradeRatios : { ...gradeRatios, unfiled: unfiledRatio };
      const institutions = new InstitutionRepository(manager);
      const inspectorRepository = new InspectorRepository(manager);
      const plans = new PlanRepository(manager);
      const items = await this.catalog.inspectionItems(manager, body.divisionCode, body.periodFrom, departments);
      const withoutList = departments.filter((d) => !items.some((l) => l.department === d));
      if (withoutList.length) {
        throw new DomainError(
          'CHECKLIST_NOT_IN_FORCE',
          `清单之外无检查：${withoutList.map(labelOf).join('、')}部门在 ${body.periodFrom} 没有生效的检查事项清单`,
          withoutList.map((d) => ({ field: 'departments', code: 'CHECKLIST_NOT_IN_FORCE', message: `${labelOf(d)}（${d}）没有生效的检查事项清单` })),
        );
      }

      // The pool: filed (and, from the policy that says so, registered) institutions inside the division, minus those at the yearly cap.
      const candidates = (
        unfiledRatio === null ? await institutions.filedWithin(body.divisionCode) : await institutions.operatingWithin(body.divisionCode)
      ).sort(byId);
      const history = await new InspectionRepository(manager).history(candidates.map((i) => i.id));
      const year = Number(body.periodFrom.slice(0, 4));
      const excluded: InspectionPlan['excluded'] = [];
      const pool = candidates.filter((i) => {
        const counted = countedInYear(history.get(i.id) ?? [], year, policy.capExemptKinds);
        if (counted < policy.yearlyCap) return true;
        excluded.push({
          institutionId: i.id,
          name: i.name,
          code: 'INSPECTION_YEARLY_CAP',
          reason: `${year} 年已检查 ${counted} 次，达到年度上限 ${policy.yearlyCap} 次`,
        });
        return false;
      });
      if (pool.length === 0)
        throw new DomainError('PLAN_POOL_EMPTY', `区划 ${body.divisionCode} 没有可抽取的${unfiledRatio === null ? '已备案' : '运营中'}机构`);
      const grades = await gradesOf(
        institutions,
        pool.map((i) => i.id),
      );

      // Inspector pools, conflicts and last-time inspectors.
      const inspectors = (await inspectorRepository.activeOf(departments))
        .filter((x) => x.divisionCodes.some((d) => withinDivision(d, body.divisionCode)))
        .sort(byId);
      const poolIds = new Set(pool.map((i) => i.id));
      const conflictRows = (await inspectorRepository.conflicts(inspectors.map((x) => x.id))).filter((c) => poolIds.has(c.institutionId));
      const departmentOf = new Map(inspectors.map((x) => [x.id, x.department]));
      const drawInput: DrawInput = {
        algorithm: unfiledRatio === null ? DRAW_ALGORITHM : DRAW_ALGORITHM_V2,
        departments,
        inspectorsPerDepartment: m,
        ratios,
        institutions: pool.map((i) =>
          unfiledRatio === null
            ? { id: i.id, grade: grades.get(i.id) as CreditGrade }
            : { id: i.id, grade: grades.get(i.id) as CreditGrade, filed: i.status === 'filed' },
        ),
        inspectors: Object.fromEntries(departments.map((d) => [d, inspectors.filter((x) => x.department === d).map((x) => x.id)])),
        conflicts: {},
        lastTime: {},
      };
      for (const c of conflictRows) {
        const department = departmentOf.get(c.inspectorId)!;
        ((drawInput.conflicts[c.institutionId] ??= {})[department] ??= []).push(c.inspectorId);
      }
      for (const byDept of Object.values(drawInput.conflicts)) for (const list of Object.values(byDept)) list.sort();
      for (const i of pool) {
        const rows = history.get(i.id);
        if (!rows?.length) continue; // most of a province's pool was never inspected
        for (const d of departments) {
          const last = lastInspectors(rows, d)
            .filter((x) => departmentOf.get(x) === d)
            .sort();
          if (last.length) (drawInput.lastTime[i.id] ??= {})[d] = last;
        }
      }
      this.assertEnoughInspectors(drawInput, pool);

      const seed = randomBytes(32).toString('hex');
      const plan = await plans.add({
        id: randomUUID(),
        title: body.title ?? `${body.divisionCode} ${body.periodFrom}—${body.periodTo} 双随机抽查计划`,
        divisionCode: body.divisionCode,
        periodFrom: body.periodFrom,
        periodTo: body.periodTo,
        departments,
        status: 'committed',
        policyVersion: policy.version,
        drawInput: drawInputHeader(drawInput),
        names: { inspectors: Object.fromEntries(inspectors.map((x) => [x.id, x.name])) },
        excluded,
        poolHash: poolHashOf(drawInput),
        seedCommitment: sha256Hex(seed),
        seed,
        publicEntropy: null,
        summary: {
          pool: stratumCounts(drawInput.institutions),
          result: null,
          excludedTotal: excluded.length,
          inspectorsPerDepartment: m,
        },
        committedAt: this.now(),
        committedBy: { department: actor.department, userId: actor.userId },
        drawnAt: null,
        drawnBy: null,
      });
      const names = new Map(pool.map((i) => [i.id, i.name]));
      await plans.insertPool(plan.id, drawInput, (id) => names.get(id)!);
      await tx.publish(InspectionEvt.planCommitted, {
        actor,
        entityId: plan.id,
        data: {
          planId: plan.id,
          divisionCode: plan.divisionCode,
          periodFrom: plan.periodFrom,
          periodTo: plan.periodTo,
          seedCommitment: plan.seedCommitment,
          poolHash: plan.poolHash,
          institutions: pool.length,
        },
      });
      await tx.audit({
        actor,
        action: 'plan.commit',
        entity: 'plan',
        entityId: plan.id,
        after: {
          divisionCode: plan.divisionCode,
          departments,
          ratios,
          poolHash: plan.poolHash,
          seedCommitment: plan.seedCommitment,
          excluded: excluded.length,
        },
        requestId,
      });
      return planViewOf(plan);
    });
  }

  /** Every institution must be drawable: at least m conflict-free inspectors per department. */
  private assertEnoughInspectors(input: DrawInput, pool: InstitutionReplica[]): void {
    const m = input.inspectorsPerDepartment;
    const problems: FieldProblem[] = [];
    const withConflicts = pool.filter((i) => input.conflicts[i.id]); // in pool order, as the problems are listed
    for (const d of input.departments) {
      const available = input.inspectors[d] ?? [];
      if (available.length < m) {
        problems.push({
          field: `departments.${d}`,
          code: 'PLAN_NOT_ENOUGH_INSPECTORS',
          message: `${labelOf(d)}部门可抽取的执法人员只有 ${available.length} 名，至少需要 ${m} 名`,
        });
        continue;
      }
      for (const i of withConflicts) {
        const conflicted = input.conflicts[i.id]?.[d];
        if (!conflicted?.length) continue; // the whole pool (at least m) is free
        const free = available.filter((x) => !conflicted.includes(x));
        if (free.length < m)
          problems.push({
            field: `departments.${d}`,
            code: 'PLAN_NOT_ENOUGH_INSPECTORS',
            message: `${labelOf(d)}部门对“${i.name}”除回避人员外只有 ${free.length} 名执法人员，至少需要 ${m} 名`,
          });
      }
    }
    if (problems.length) {
      const names = [...new Set(problems.map((p) => p.field.slice('departments.'.length)))].map(labelOf).join('、');
      throw new DomainError('PLAN_NOT_ENOUGH_INSPECTORS', `${names}部门可用执法人员不足 ${m} 名：${problems[0]!.message}`, problems);
    }
  }
}
