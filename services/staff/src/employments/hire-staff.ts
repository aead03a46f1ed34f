import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, type IsoDate, maskName } from '@shanyu/common';
import { type AddStaffBody, StaffEvt, type StaffEmploymentFlaggedData, type StaffView } from '@shanyu/contracts';
import type { AuditEntryInput } from '@shanyu/persistence';
import { type NewEvent, newEvent, type Transaction } from '@shanyu/messaging';
import { decideVetting, type VettingDecision } from '../domain/vetting.js';
import type { InstitutionReplica } from '../institutions/institution-replica.entity.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Person } from '../people/person.entity.js';
import { PersonRepository } from '../people/person.repository.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import type { CertificateRateMonitor } from '../stats/certificate-rate-monitor.js';
import type { RatioMonitor } from '../stats/ratio-monitor.js';
import { VettingAttempt } from '../vetting/vetting.entities.js';
import { VettingRepository } from '../vetting/vetting.repository.js';
import { Employment } from './employment.entity.js';
import { EmploymentRepository } from './employment.repository.js';
import type { StaffViews } from './staff-views.js';

export type HireOutcome = { hired: true; view: StaffView } | { hired: false; error: DomainError };

export function alreadyEmployed(): DomainError {
  return new DomainError('STAFF_ALREADY_EMPLOYED', '该人员已在本机构登记在岗，不能重复登记', [
    { field: 'idNumber', code: 'STAFF_ALREADY_EMPLOYED', message: '该身份证号的人员已在本机构在岗' },
  ]);
}

function refused(decision: VettingDecision): DomainError {
  const banned = decision.reason === 'BANNED';
  return new DomainError(
    banned ? 'STAFF_BANNED' : 'STAFF_CRIMINAL_RECORD',
    banned
      ? '该人员被依法禁止从事托育工作（从业禁止 / 终身禁入），不能录用'
      : '该人员有性侵害、虐待、拐卖、暴力伤害等违法犯罪记录，依法不得录用（未成年人保护法第六十二条）',
    [{ field: 'idNumber', code: banned ? 'STAFF_BANNED' : 'STAFF_CRIMINAL_RECORD', message: banned ? '从业禁止名单中有此人' : '违法犯罪记录查询有记录' }],
  );
}

type Planned =
  | { kind: 'employed' }
  | { kind: 'refused'; person: Person; attempt: VettingAttempt; decision: VettingDecision }
  | { kind: 'hired'; person: Person; attempt: VettingAttempt; employment: Employment };

/**
 * Hiring, inside the caller's transaction (so single adds and imported rows behave alike):
 * vetting against the ban list and the latest criminal-record query, then the employment, its
 * events and audit entry. A refused hiring records the attempt and its event and returns the
 * error for the caller to raise after the commit: the refusal itself is kept, the staff record
 * is not.
 */
export class HireStaff {
  constructor(
    private readonly book: StaffRuleStore,
    private readonly vault: ResidentIdVault,
    private readonly views: StaffViews,
    private readonly ratios: RatioMonitor,
    private readonly certificates: CertificateRateMonitor,
  ) {}

  /** One hiring; a person already employed here throws (nothing of the request is kept). */
  async hire(
    tx: Transaction,
    institution: InstitutionReplica,
    body: AddStaffBody,
    actor: Actor,
    today: IsoDate,
    requestId?: string,
    fullIdNumbers = false,
  ): Promise<HireOutcome> {
    const [outcome] = await this.hireMany(tx, institution, [body], actor, today, requestId, fullIdNumbers);
    if (!outcome!.hired && outcome!.error.code === 'STAFF_ALREADY_EMPLOYED') throw outcome!.error;
    return outcome!;
  }

  /**
   * Many hirings of distinct people at one institution, set-based (批量导入): the same decisions,
   * rows, events and audit entries as one `hire` per body, in the order of `bodies`, with a
   * fixed number of statements whatever their count. The ratios and 持证率 are evaluated once,
   * after the last hiring. Returns one outcome per body, in order.
   */
  async hireMany(
    tx: Transaction,
    institution: InstitutionReplica,
    bodies: AddStaffBody[],
    actor: Actor,
    today: IsoDate,
    requestId?: string,
    fullIdNumbers = false,
  ): Promise<HireOutcome[]> {
    const { manager } = tx;
    const employments = new EmploymentRepository(manager);
    const vetting = new VettingRepository(manager);
    // Staff changes of one institution one after another (ratio state, concurrent imports).
    await new InstitutionRepository(manager).byIdForUpdate(institution.id);
    await this.vault.lockMany(
      manager,
      bodies.map((b) => b.idNumber),
    );
    const people = await this.vault.findOrCreateMany(
      manager,
      bodies.map((b) => ({ idNumber: b.idNumber, name: b.name })),
    );
    const employed = await employments.employedAt(
      institution.id,
      people.map((p) => p.id),
    );
    const facts = await vetting.factsOf(people.filter((p) => !employed.has(p.id)).map((p) => p.id));
    const where = { institutionId: institution.id, divisionCode: institution.divisionCode, ownerUserId: institution.ownerUserId };
    const rules = (await this.book.current(manager)).for(institution.divisionCode, today);

    const plans: Planned[] = bodies.map((body, i) => {
      const person = people[i]!;
      if (employed.has(person.id)) return { kind: 'employed' };
      const decision = decideVetting({
        ...facts.get(person.id)!,
        today,
        startDate: body.startDate,
        intervalMonths: rules.recheck.intervalMonths,
        refuse: rules.vetting,
      });
      const attempt: VettingAttempt = Object.assign(new VettingAttempt(), {
        id: randomUUID(),
        personId: person.id,
        institutionId: institution.id,
        role: body.role,
        outcome: decision.status,
        reason: decision.reason,
        refId: decision.refId,
        actorDepartment: actor.department,
        actorUser: actor.userId,
        employmentId: null,
      });
      if (decision.status === 'rejected') return { kind: 'refused', person, attempt, decision };
      const employment: Employment = Object.assign(new Employment(), {
        id: randomUUID(),
        personId: person.id,
        institutionId: institution.id,
        name: body.name,
        role: body.role,
        employmentType: body.employmentType ?? 'full_time',
        classType: body.classType ?? null,
        className: body.className ?? null,
        startDate: body.startDate,
        endDate: null,
        endReason: null,
        vettingStatus: decision.status,
        vettingReason: decision.reason,
        vettingRef: decision.refId,
        createdBy: actor.userId,
      });
      attempt.employmentId = employment.id;
      return { kind: 'hired', person, employment, attempt };
    });

    const hired = plans.filter((p): p is Extract<Planned, { kind: 'hired' }> => p.kind === 'hired');
    const attempts = plans.flatMap((p) => (p.kind === 'employed' ? [] : [p.attempt]));
    const saved = await employments.insertMany(hired.map((h) => h.employment));
    // A person hired here meanwhile, outside the institution's lock.
    if (!saved) throw alreadyEmployed();
    await vetting.insertAttempts(attempts);
    await new PersonRepository(manager).rename(
      hired.filter((h) => h.person.name !== h.employment.name).map((h) => ({ id: h.person.id, name: h.employment.name })),
    );

    const savedById = new Map(saved.map((e) => [e.id, e]));
    const flagEvents = await this.flagConcurrent(
      manager,
      hired.map((h) => ({ employment: savedById.get(h.employment.id)!, person: h.person })),
      actor,
    );
    const hiredPeople = hired.map((h) => h.person);
    const masked = await this.views.build(
      manager,
      hired.map((h) => savedById.get(h.employment.id)!),
      today,
      false,
      hiredPeople,
    );
    const viewById = new Map(masked.map((v) => [v.id, v]));

    const events: NewEvent<unknown>[] = [];
    const audits: AuditEntryInput[] = [];
    plans.forEach((plan, i) => {
      const body = bodies[i]!;
      if (plan.kind === 'refused') {
        const { attempt, decision, person } = plan;
        events.push(
          newEvent(StaffEvt.vettingRejected, {
            actor,
            entityId: attempt.id,
            data: {
              ...where,
              attemptId: attempt.id,
              staffId: null,
              reason: decision.reason!,
              refId: decision.refId!,
              nameMasked: maskName(body.name),
              idNumberMasked: person.idMasked,
              role: body.role,
            },
          }),
        );
        audits.push({
          actor,
          action: 'staff.vetting.reject',
          entity: 'vetting_attempt',
          entityId: attempt.id,
          requestId,
          after: { institutionId: institution.id, idNumber: person.idMasked, role: body.role, reason: decision.reason, refId: decision.refId },
        });
      } else if (plan.kind === 'hired') {
        const view = viewById.get(plan.employment.id)!;
        events.push(...(flagEvents.get(plan.employment.id) ?? []));
        events.push(newEvent(StaffEvt.employmentStarted, { actor, entityId: view.id, data: { ...where, staff: view } }));
        audits.push({ actor, action: 'staff.add', entity: 'employment', entityId: view.id, after: view, requestId });
      }
    });
    await tx.publishMany(events);
    if (hired.length) {
      await this.ratios.evaluate(manager, tx, institution, actor, today);
      await this.certificates.evaluate(manager, tx, [institution], actor, today);
    }
    const views =
      fullIdNumbers && hired.length
        ? await this.views.build(
            manager,
            hired.map((h) => savedById.get(h.employment.id)!),
            today,
            true,
            hiredPeople,
          )
        : masked;
    await tx.auditMany(audits);
    const viewOf = new Map(views.map((v) => [v.id, v]));
    return plans.map((plan): HireOutcome => {
      if (plan.kind === 'employed') return { hired: false, error: alreadyEmployed() };
      if (plan.kind === 'refused') return { hired: false, error: refused(plan.decision) };
      return { hired: true, view: viewOf.get(plan.employment.id)! };
    });
  }

  /**
   * 同一人员同时在两家机构全职: flags both employments, matched by the keyed hash (the person
   * record), and tells each institution's supervisors. Returns the events per new employment
   * (published before its employment.started event, as a single hiring does).
   */
  private async flagConcurrent(
    manager: Transaction['manager'],
    hired: { employment: Employment; person: Person }[],
    actor: Actor,
  ): Promise<Map<string, NewEvent<StaffEmploymentFlaggedData>[]>> {
    const out = new Map<string, NewEvent<StaffEmploymentFlaggedData>[]>();
    const fullTime = hired.filter((h) => h.employment.employmentType === 'full_time');
    if (!fullTime.length) return out;
    const others = await new EmploymentRepository(manager).currentFullTimeElsewhere(
      fullTime.map((h) => h.person.id),
      fullTime[0]!.employment.institutionId,
    );
    if (!others.length) return out;
    const pairs: { hired: { employment: Employment; person: Person }; flagged: Employment; ref: Employment }[] = [];
    for (const h of fullTime) {
      for (const other of others.filter((o) => o.personId === h.person.id)) {
        for (const [flagged, ref] of [
          [h.employment, other],
          [other, h.employment],
        ] as const)
          pairs.push({ hired: h, flagged, ref });
      }
    }
    if (!pairs.length) return out;
    // Only the flags not raised before come back: those are published.
    const inserted = await new VettingRepository(manager).flagMany(
      'concurrent_employment',
      pairs.map((p) => ({ employmentId: p.flagged.id, refId: p.ref.id })),
    );
    const fresh = new Set(inserted.map((r) => `${r.employmentId}|${r.refId}`));
    const institutionIds = [...new Set(pairs.map((p) => p.flagged.institutionId))];
    const institutions = new Map((await new InstitutionRepository(manager).byIds(institutionIds)).map((i) => [i.id, i]));
    for (const { hired: h, flagged, ref } of pairs) {
      if (!fresh.has(`${flagged.id}|${ref.id}`)) continue;
      const institution = institutions.get(flagged.institutionId);
      const list = out.get(h.employment.id) ?? [];
      list.push(
        newEvent(StaffEvt.employmentFlagged, {
          actor,
          entityId: flagged.id,
          data: {
            institutionId: flagged.institutionId,
            divisionCode: institution?.divisionCode ?? '',
            ownerUserId: institution?.ownerUserId ?? null,
            staffId: flagged.id,
            kind: 'concurrent_employment',
            refId: ref.id,
            nameMasked: maskName(flagged.name),
            idNumberMasked: h.person.idMasked,
          },
        }),
      );
      out.set(h.employment.id, list);
    }
    return out;
  }
}
