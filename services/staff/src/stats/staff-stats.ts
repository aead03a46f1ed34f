import { type Actor, daysBetween, divisionPrefix, DomainError, type IsoDate, scopePrefixes, shanghaiToday } from '@shanyu/common';
import type {
  DivisionStaffStats,
  DivisionStaffStatsRequest,
  InstitutionStaffStats,
  OverdueRecheck,
  OverdueRechecks,
  OverdueRechecksRequest,
  StaffRole,
  VettingStatus,
} from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { CredentialRepository } from '../credentials/credential.repository.js';
import { complianceOf, rate } from '../domain/compliance.js';
import { computeRatios } from '../domain/ratios.js';
import { recheckDue } from '../domain/vetting.js';
import type { Employment } from '../employments/employment.entity.js';
import { EmploymentRepository } from '../employments/employment.repository.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import { enrolmentOf, institutionOrThrow } from '../institutions/institutions.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import type { StaffRuleBook } from '../rules/staff-rules.js';
import { VettingRepository } from '../vetting/vetting.repository.js';
import { carersByClass } from './ratio-monitor.js';

export interface ActiveStaffRow {
  employment: Employment;
  institution: InstitutionReplica;
  lastCheckedOn: IsoDate | null;
}

/** Current employments of the given institutions with their latest record-check date. */
export async function activeStaffOf(manager: EntityManager, institutions: InstitutionReplica[]): Promise<ActiveStaffRow[]> {
  if (!institutions.length) return [];
  const byId = new Map(institutions.map((i) => [i.id, i]));
  const employments = await new EmploymentRepository(manager).currentOf([...byId.keys()]);
  const checks = await new VettingRepository(manager).lastCheckedOn([...new Set(employments.map((e) => e.personId))]);
  return employments.map((e) => ({ employment: e, institution: byId.get(e.institutionId)!, lastCheckedOn: checks.get(e.personId) ?? null }));
}

/** Staff whose yearly re-check is overdue, each by the re-check interval of its institution's division. */
export function overdueOf(rows: ActiveStaffRow[], book: StaffRuleBook, today: IsoDate): OverdueRecheck[] {
  const out: OverdueRecheck[] = [];
  for (const { employment: e, institution: i, lastCheckedOn: last } of rows) {
    const { dueOn, overdue } = recheckDue(last, e.startDate, book.for(i.divisionCode, today).recheck.intervalMonths, today);
    if (!overdue) continue;
    out.push({
      staffId: e.id,
      institutionId: i.id,
      institutionName: i.name,
      divisionCode: i.divisionCode,
      name: e.name,
      role: e.role,
      lastCheckedOn: last,
      dueOn,
      daysOverdue: daysBetween(dueOn, today),
    });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.staffId.localeCompare(b.staffId));
}

/**
 * 持证率, carer-to-child ratios, vetting and re-check counts of institutions, computed for
 * `today` from the staff records and the staff rules of each institution's division (whose
 * document versions every answer names). The 持证率 target is the division's own, where one is set
 * (西湖区's district target in 330106): an alert, not a condition an institution must meet; elsewhere null.
 */
export class StaffStatistics {
  constructor(private readonly book: StaffRuleStore) {}

  async of(manager: EntityManager, institutions: InstitutionReplica[], today: IsoDate): Promise<InstitutionStaffStats[]> {
    const ids = institutions.map((i) => i.id);
    const rows = await activeStaffOf(manager, institutions);
    const credentials = await new CredentialRepository(manager).ofPeople([...new Set(rows.map((r) => r.employment.personId))]);
    const flags = await new VettingRepository(manager).openFlagsOf(rows.map((r) => r.employment.id));
    const enrolment = await enrolmentOf(manager, ids);
    const carers = await carersByClass(manager, ids);
    const flagged = new Set(flags.map((f) => f.employmentId));
    const book = await this.book.current(manager);
    const overdue = new Set(overdueOf(rows, book, today).map((o) => o.staffId));
    return institutions.map((institution) => {
      const rules = book.for(institution.divisionCode, today);
      const own = rows.filter((r) => r.institution.id === institution.id).map((r) => r.employment);
      const byRole: Partial<Record<StaffRole, number>> = {};
      const vetting: Record<VettingStatus, number> = { cleared: 0, pending: 0, rejected: 0 };
      let needQ = 0,
        haveQ = 0,
        needH = 0,
        haveH = 0;
      for (const e of own) {
        byRole[e.role] = (byRole[e.role] ?? 0) + 1;
        vetting[e.vettingStatus]++;
        const c = complianceOf(
          rules,
          e.role,
          credentials.filter((x) => x.personId === e.personId),
          today,
        );
        if (c.needsQualification) {
          needQ++;
          if (c.qualified) haveQ++;
        }
        if (c.needsHealthCertificate) {
          needH++;
          if (c.healthCertified) haveH++;
        }
      }
      const certificateRate = rate(haveQ, needQ);
      const target = rules.certificateRateTarget;
      return {
        institutionId: institution.id,
        institutionName: institution.name,
        divisionCode: institution.divisionCode,
        asOf: today,
        rulesVersion: rules.version,
        activeStaff: own.length,
        byRole,
        certificate: {
          required: needQ,
          holding: haveQ,
          rate: certificateRate,
          target: target?.value ?? null,
          meetsTarget: certificateRate === null || target === null ? null : certificateRate >= target.value,
          source: target?.source ?? null,
        },
        healthCertificate: { required: needH, holding: haveH, rate: rate(haveH, needH) },
        ratios: computeRatios(rules, enrolment.get(institution.id) ?? {}, carers.get(institution.id) ?? {}, institution.operatorType),
        vetting,
        flagged: own.filter((e) => flagged.has(e.id)).length,
        recheckOverdue: own.filter((e) => overdue.has(e.id)).length,
      };
    });
  }
}

export class InstitutionStaffStatsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly statistics: StaffStatistics,
  ) {}

  async execute(institutionId: string, actor: Actor, today: IsoDate = shanghaiToday()): Promise<InstitutionStaffStats> {
    const institution = await institutionOrThrow(this.dataSource.manager, institutionId);
    this.policy.assertCanRead(actor, institution);
    return (await this.statistics.of(this.dataSource.manager, [institution], today))[0]!;
  }
}

export class DivisionStaffStatsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly statistics: StaffStatistics,
    private readonly book: StaffRuleStore,
  ) {}

  async execute(request: DivisionStaffStatsRequest, actor: Actor, today: IsoDate = shanghaiToday()): Promise<DivisionStaffStats> {
    this.policy.assertCanReadDivision(actor, request.divisionCode);
    const { manager } = this.dataSource;
    const items = await this.statistics.of(manager, await new InstitutionRepository(manager).inDivisions([divisionPrefix(request.divisionCode)]), today);
    const sum = (f: (s: InstitutionStaffStats) => number) => items.reduce((n, s) => n + f(s), 0);
    const required = sum((s) => s.certificate.required);
    const holding = sum((s) => s.certificate.holding);
    const certificateRate = rate(holding, required);
    // The division's own target (or one set above it), never another division's.
    const rules = (await this.book.current(manager)).for(request.divisionCode, today);
    const target = rules.certificateRateTarget;
    return {
      divisionCode: request.divisionCode,
      asOf: today,
      rulesVersion: rules.version,
      institutions: items.length,
      activeStaff: sum((s) => s.activeStaff),
      certificate: {
        required,
        holding,
        rate: certificateRate,
        target: target?.value ?? null,
        meetsTarget: certificateRate === null || target === null ? null : certificateRate >= target.value,
        source: target?.source ?? null,
        institutionsBelowTarget: items.filter((s) => s.certificate.meetsTarget === false).length,
      },
      healthCertificate: {
        required: sum((s) => s.healthCertificate.required),
        holding: sum((s) => s.healthCertificate.holding),
        rate: rate(
          sum((s) => s.healthCertificate.holding),
          sum((s) => s.healthCertificate.required),
        ),
      },
      ratioBreaches: items.flatMap((s) =>
        s.ratios
          .filter((r) => r.breached && s.activeStaff > 0)
          .map((r) => ({
            institutionId: s.institutionId,
            institutionName: s.institutionName,
            classType: r.classType,
            children: r.children,
            carers: r.carers,
            requiredCarers: r.requiredCarers,
          })),
      ),
      flagged: sum((s) => s.flagged),
      recheckOverdue: sum((s) => s.recheckOverdue),
      items,
    };
  }
}

/** 年度查询逾期: by institution, by the operator's own institutions, or by division. */
export class OverdueRechecksQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: StaffAccessPolicy,
    private readonly book: StaffRuleStore,
  ) {}

  async execute(request: OverdueRechecksRequest, actor: Actor, today: IsoDate = shanghaiToday()): Promise<OverdueRechecks> {
    const { manager } = this.dataSource;
    const replicas = new InstitutionRepository(manager);
    let institutions: InstitutionReplica[];
    if (request.institutionId) {
      const institution = await institutionOrThrow(manager, request.institutionId);
      this.policy.assertCanRead(actor, institution);
      institutions = [institution];
    } else if (actor.department === 'operator') {
      institutions = await replicas.ownedBy(actor.userId);
    } else if (request.divisionCode) {
      this.policy.assertCanReadDivision(actor, request.divisionCode);
      institutions = await replicas.inDivisions([divisionPrefix(request.divisionCode)]);
    } else {
      const scopes = scopePrefixes(actor);
      if (scopes !== null && scopes.length === 0) throw new DomainError('DIVISION_OUT_OF_SCOPE', '本账号没有可管辖的区划');
      for (const scope of scopes ?? []) this.policy.assertCanReadDivision(actor, scope);
      if (scopes === null) this.policy.assertCanReadDivision(actor, '');
      institutions = await replicas.inDivisions(scopes);
    }
    return { today, items: overdueOf(await activeStaffOf(manager, institutions), await this.book.current(manager), today) };
  }
}
