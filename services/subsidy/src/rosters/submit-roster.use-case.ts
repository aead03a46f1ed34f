import { randomUUID } from 'node:crypto';
import {
  type Actor,
  birthDateOf,
  DomainError,
  type FieldProblem,
  firstDayOfMonth,
  monthsBetween,
  normalizeResidentId,
  type PiiCipher,
  shanghaiToday,
  withinDivision,
} from '@shanyu/common';
import {
  BIRTH_ORDER_LABELS,
  CARE_FORM_LABELS,
  CARE_FORMS,
  CLASS_TYPE_LABELS,
  CLASS_TYPES,
  RosterChildInput,
  type RosterFlag,
  type RosterView,
  type SubmitRosterRequest,
  SubsidyEvt,
  validateContract,
  type CareForm,
  type ClassType,
  type SubsidyClaimDuplicatedData,
  type SubsidyRosterSubmittedData,
  type PlacesByClass,
} from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { markChanged } from '../facts/corrections.js';
import { InstitutionRepository, type InstitutionRow } from '../institutions/institution.repository.js';
import { RunRepository } from '../runs/run.repository.js';
import { rosterView } from './roster.query.js';
import { RosterRepository, type RosterChildRow } from './roster.repository.js';

/** A child older than this (months, at the start of the roster month) does not belong on a 托育 roster. */
const MAX_AGE_MONTHS = 47;

/** The repositories of one submission's transaction. */
interface Repositories {
  rosters: RosterRepository;
  institutions: InstitutionRepository;
  runs: RunRepository;
}

const rowLabel = (i: number, rowNumber: number | undefined) => (rowNumber ? `表格第 ${rowNumber} 行` : `第 ${i + 1} 行`);

/**
 * 收托名册: the operator of an operating institution (filed or not) reports its enrolled children for a month
 * (per child a keyed hash of the ID number, birth month, birth order, class type, care form and
 * days attended). Every row is checked and every problem named by its row; nothing is stored
 * unless all rows are right. A new version replaces the month's earlier one (audited); if the
 * month was already paid, the change becomes adjustment lines in the next run.
 */
export class SubmitRoster {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly access: SubsidyAccessPolicy,
    private readonly cipher: PiiCipher,
    private readonly now: () => Date,
  ) {}

  async execute(request: SubmitRosterRequest, actor: Actor, requestId?: string): Promise<RosterView> {
    const thisMonth = shanghaiToday(this.now()).slice(0, 7);
    if (request.month > thisMonth) {
      throw new DomainError('ROSTER_MONTH_IN_FUTURE', `不能报送未来月份（${request.month}）的名册，本月为 ${thisMonth}`, [
        { field: 'month', code: 'ROSTER_MONTH_IN_FUTURE', message: `${request.month} 尚未到来` },
      ]);
    }
    const children = await this.checkRows(request);
    return this.unitOfWork.run(async (tx) => {
      const rosters = new RosterRepository(tx.manager);
      const institutions = new InstitutionRepository(tx.manager);
      const runs = new RunRepository(tx.manager);
      // The institution's row lock orders its own versions of the month.
      const institution = await institutions.byIdOrThrow(request.institutionId, true);
      this.access.assertOperatorOf(actor, institution, '报送收托名册');
      // Every operating institution reports its enrolment, filed or not (indicators count them all);
      // whether a child is paid for is the run's decision, which needs filing and 普惠. Only a month
      // that begins on or after the day the institution stopped operating has nothing to report.
      // (A deregistration the replica has no date for counts from the first day.)
      const stopped = institution.deregisteredOn ?? (institution.status === 'deregistered' ? '0000-01-01' : null);
      if (stopped !== null && firstDayOfMonth(request.month) >= stopped) {
        throw new DomainError(
          'INSTITUTION_DEREGISTERED',
          `机构 ${institution.name} 已${institution.deregisteredOn ? `于 ${institution.deregisteredOn} ` : ''}注销，不能报送 ${request.month} 的收托名册`,
        );
      }
      const flags: RosterFlag[] = this.capacityFlags(children, institution.places, institution.totalPlaces, request.overCapacityReason);
      const previous = await rosters.current(institution.id, request.month);
      const previousKeys = previous ? await rosters.childKeys(previous.id) : [];
      await rosters.lockChildren(request.month, [...previousKeys, ...children.map((c) => c.childKey)]);
      if (previous) await rosters.retire(previous.id);
      const id = randomUUID();
      const version = (previous?.version ?? 0) + 1;
      const counts = countsOf(children);
      // Corrections of a month already paid become adjustment lines in the division's next run.
      const changed = await markChanged(
        runs,
        { id: institution.id, divisionCode: institution.divisionCode },
        request.month,
        request.month,
        `${request.month} 名册${previous ? `更正为第 ${version} 版` : '补报'}`,
      );
      const postedRun = changed.recalcMonths.length
        ? (await runs.postedRuns(request.month)).filter((r) => withinDivision(r.division_code, institution.divisionCode))
        : [];
      if (postedRun.length) {
        flags.push({ code: 'corrects_posted_run', message: `${request.month} 的补助已入账：本次更正将在下期补助计算中形成调整明细`, runId: postedRun[0]!.id });
      }
      await rosters.insert(
        {
          id,
          institutionId: institution.id,
          month: request.month,
          version,
          openDays: request.openDays,
          counts,
          flags,
          overCapacityReason: flags.some((f) => f.code === 'over_capacity') ? (request.overCapacityReason ?? null) : null,
          reason: request.reason ?? null,
          submittedBy: { department: actor.department, userId: actor.userId },
        },
        children,
      );
      const duplicated = await this.followDuplicates(tx, { rosters, institutions, runs }, actor, request.month, institution, [
        ...new Set([...previousKeys, ...children.map((c) => c.childKey)]),
      ]);
      if (duplicated > 0) {
        flags.push({ code: 'duplicate_claim', message: `${duplicated} 名儿童同时在其他机构的 ${request.month} 名册中：暂缓发放，待核实` });
        await rosters.setFlags(id, flags);
      }
      const data: SubsidyRosterSubmittedData = {
        rosterId: id,
        institutionId: institution.id,
        divisionCode: institution.divisionCode,
        ownerUserId: institution.ownerUserId,
        month: request.month,
        version,
        openDays: request.openDays,
        totalChildren: children.length,
        byClass: counts.byClass,
        byCareForm: counts.byCareForm,
        flags: flags.map((f) => f.code),
      };
      await tx.publish(SubsidyEvt.rosterSubmitted, { actor, entityId: institution.id, data });
      await tx.audit({
        actor,
        action: previous ? 'roster.replace' : 'roster.submit',
        entity: 'roster',
        entityId: `${institution.id}:${request.month}`,
        before: previous ? { version: previous.version, total: previous.total } : null,
        after: { version, total: children.length, openDays: request.openDays, byClass: counts.byClass, flags: flags.map((f) => f.code) },
        reason: request.reason ?? request.overCapacityReason ?? null,
        requestId,
      });
      return rosterView(rosters, institution, id);
    });
  }

  /** Checks every row; throws one VALIDATION error naming each bad row, or returns the rows keyed by hash. */
  private async checkRows(request: SubmitRosterRequest): Promise<RosterChildRow[]> {
    const problems: FieldProblem[] = [];
    const out: RosterChildRow[] = [];
    const seen = new Map<string, string>();
    for (const [i, raw] of request.children.entries()) {
      const rowNumber = typeof raw?.rowNumber === 'number' ? raw.rowNumber : undefined;
      const at = rowLabel(i, rowNumber);
      let child: RosterChildInput;
      try {
        child = await validateContract(RosterChildInput, raw);
      } catch (e) {
        for (const d of (e as DomainError).details ?? []) {
          const message = d.code === 'isIn' && CHOICES[d.field] ? `应为以下之一：${CHOICES[d.field]}` : d.message;
          problems.push({ field: `children.${i}.${d.field}`, code: d.code, message: `${at}：${fieldLabel(d.field)}${message}` });
        }
        continue;
      }
      const rowProblem = (field: string, code: string, message: string) =>
        problems.push({ field: `children.${i}.${field}`, code, message: `${at}：${message}` });
      const normalized = normalizeResidentId(child.idNumber);
      const birthMonth = birthDateOf(normalized)!.slice(0, 7);
      if (child.birthMonth && child.birthMonth !== birthMonth) {
        rowProblem('birthMonth', 'BIRTH_MONTH_MISMATCH', `出生年月 ${child.birthMonth} 与身份证号中的出生日期（${birthMonth}）不一致`);
      }
      const age = monthsBetween(birthMonth, request.month);
      if (age < 0) rowProblem('idNumber', 'BORN_AFTER_MONTH', `儿童出生于 ${birthMonth}，晚于名册月份 ${request.month}`);
      else if (age > MAX_AGE_MONTHS)
        rowProblem('idNumber', 'TOO_OLD', `儿童出生于 ${birthMonth}，${request.month} 已满 ${Math.floor(age / 12)} 周岁，不属于 3 岁以下托育名册`);
      if (child.daysAttended > request.openDays)
        rowProblem('daysAttended', 'DAYS_EXCEED_OPEN_DAYS', `出勤 ${child.daysAttended} 天，超过本月开园 ${request.openDays} 天`);
      const childKey = this.cipher.keyedHash(normalized);
      const first = seen.get(childKey);
      if (first) rowProblem('idNumber', 'DUPLICATE_CHILD', `与${first}是同一名儿童（身份证号相同），同一名册中每名儿童只能出现一次`);
      else seen.set(childKey, at);
      out.push({
        lineNo: i + 1,
        rowNumber: rowNumber ?? null,
        childKey,
        birthMonth,
        birthOrder: child.birthOrder,
        classType: child.classType,
        careForm: child.careForm,
        daysAttended: child.daysAttended,
        ref: child.ref ?? null,
      });
    }
    if (problems.length) {
      const rows = new Set(problems.map((p) => p.field.split('.')[1])).size;
      throw new DomainError(
        'VALIDATION',
        `收托名册有 ${rows} 行有误，未保存：${problems
          .slice(0, 5)
          .map((p) => p.message)
          .join('；')}${problems.length > 5 ? ' …' : ''}`,
        problems,
      );
    }
    return out;
  }

  /** More children in a class type (or in all) than registered places: refused, or stored flagged with a reason. */
  private capacityFlags(children: RosterChildRow[], places: PlacesByClass, totalPlaces: number, reason: string | undefined): RosterFlag[] {
    const flags: RosterFlag[] = [];
    for (const classType of CLASS_TYPES) {
      const n = children.filter((c) => c.classType === classType).length;
      if (n > (places[classType] ?? 0)) {
        flags.push({
          code: 'over_capacity',
          classType,
          children: n,
          places: places[classType] ?? 0,
          message: `${CLASS_TYPE_LABELS[classType]} ${n} 人，超过登记托位 ${places[classType] ?? 0} 个`,
        });
      }
    }
    if (children.length > totalPlaces && flags.length === 0) {
      flags.push({
        code: 'over_capacity',
        children: children.length,
        places: totalPlaces,
        message: `共 ${children.length} 人，超过登记托位 ${totalPlaces} 个`,
      });
    }
    if (flags.length && !reason) {
      throw new DomainError(
        'ROSTER_OVER_CAPACITY',
        `收托人数超过登记托位，未保存：${flags.map((f) => f.message).join('；')}。如确需报送，请填写超额说明（overCapacityReason）`,
        flags.map((f) => ({ field: f.classType ? `children(${f.classType})` : 'children', code: 'ROSTER_OVER_CAPACITY', message: f.message })),
      );
    }
    return flags;
  }

  /**
   * Re-derives the claims of every child this change touched (added or removed): a child on two
   * or more current rosters of the month is a duplicate claim, announced once per set of
   * institutions; the other institutions' months are marked changed too. Returns how many of
   * this roster's children are duplicates.
   */
  private async followDuplicates(
    tx: Transaction,
    { rosters, institutions, runs }: Repositories,
    actor: Actor,
    month: string,
    institution: InstitutionRow,
    keys: string[],
  ): Promise<number> {
    if (keys.length === 0) return 0;
    const claims = await rosters.claims(month, keys);
    const known = await rosters.knownDuplicates(month, keys);
    const others = new Map<string, string>();
    let mine = 0;
    for (const key of keys) {
      const claim = claims.find((c) => c.childKey === key);
      const before = known.find((k) => k.childKey === key);
      const ids = claim?.institutionIds ?? [];
      ids.forEach((id, i) => {
        if (id !== institution.id) others.set(id, claim!.divisions[i]!);
      });
      (before?.institutionIds ?? []).forEach((id) => {
        if (id !== institution.id && !others.has(id)) others.set(id, '');
      });
      if (ids.length > 1) {
        if (ids.includes(institution.id)) mine++;
        if (!before || before.institutionIds.join() !== ids.join()) {
          await rosters.recordDuplicate(month, key, ids);
          const data: SubsidyClaimDuplicatedData = {
            month,
            childKey: key,
            institutions: ids.map((id, i) => ({ institutionId: id, divisionCode: claim!.divisions[i]! })),
          };
          await tx.publish(SubsidyEvt.claimDuplicated, { actor, entityId: `${month}:${key}`, data });
        }
      } else if (before) {
        await rosters.clearDuplicate(month, key);
      }
    }
    // The other institutions' lines of the month change too (held, or released).
    for (const [id, division] of others) {
      const divisionCode = division || (await institutions.divisionOf(id));
      if (divisionCode) await markChanged(runs, { id, divisionCode }, month, month, `${month} 重复申领情况变化（机构 ${institution.name} 更新名册）`);
    }
    return mine;
  }
}

function countsOf(children: RosterChildRow[]) {
  const byClass = Object.fromEntries(CLASS_TYPES.map((c) => [c, 0])) as Record<ClassType, number>;
  const byCareForm = Object.fromEntries(CARE_FORMS.map((c) => [c, 0])) as Record<CareForm, number>;
  const byBirthOrder = { 1: 0, 2: 0, 3: 0 } as Record<'1' | '2' | '3', number>;
  for (const c of children) {
    byClass[c.classType]++;
    byCareForm[c.careForm]++;
    byBirthOrder[String(c.birthOrder) as '1' | '2' | '3']++;
  }
  return { byClass, byCareForm, byBirthOrder };
}

const FIELD_LABELS: Record<string, string> = {
  idNumber: '身份证号',
  birthMonth: '出生年月',
  birthOrder: '孩次',
  classType: '班型',
  careForm: '托育形式',
  daysAttended: '出勤天数',
  ref: '编号',
  rowNumber: '行号',
};
/** The values a sheet may hold for the closed lists, as an operator reads them: code and name. */
const CHOICES: Record<string, string> = Object.fromEntries(
  Object.entries({ classType: CLASS_TYPE_LABELS, careForm: CARE_FORM_LABELS, birthOrder: BIRTH_ORDER_LABELS }).map(([field, labels]) => [
    field,
    Object.entries(labels)
      .map(([code, label]) => `${code}（${label}）`)
      .join('、'),
  ]),
);
function fieldLabel(field: string): string {
  const label = FIELD_LABELS[field];
  return label ? `${label}` : `${field} `;
}
