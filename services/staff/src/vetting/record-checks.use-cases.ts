import { randomUUID } from 'node:crypto';
import { type Actor, DomainError, type IsoDate, shanghaiToday } from '@shanyu/common';
import type { EnterRecordCheckRequest, RecordCheckView, RecordRecheckBody, RecordRecheckRequest, StaffView } from '@shanyu/contracts';
import type { Transaction, UnitOfWork } from '@shanyu/messaging';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { EmploymentRepository } from '../employments/employment.repository.js';
import { staffNotFound } from '../employments/end-staff.use-case.js';
import type { StaffViews } from '../employments/staff-views.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { Person } from '../people/person.entity.js';
import { PersonRepository } from '../people/person.repository.js';
import type { ResidentIdVault } from '../people/resident-id-vault.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import { applyRecordCheck } from './apply-record-check.js';
import { RecordCheck } from './vetting.entities.js';
import { VettingRepository } from './vetting.repository.js';

function assertNotFuture(checkedOn: IsoDate, today: IsoDate): void {
  if (checkedOn > today) throw DomainError.validation([{ field: 'checkedOn', code: 'notInFuture', message: `查询日期不能晚于今天（${today}）` }]);
}

async function insertCheck(tx: Transaction, person: Person, body: RecordRecheckBody, actor: Actor, employmentId: string | null): Promise<RecordCheck> {
  const check = Object.assign(new RecordCheck(), {
    id: randomUUID(),
    personId: person.id,
    result: body.result,
    checkedOn: body.checkedOn,
    authority: body.authority,
    documentNo: body.documentNo ?? null,
    employmentId,
    enteredByDepartment: actor.department,
    enteredByUser: actor.userId,
  });
  await new VettingRepository(tx.manager).insertCheck(check);
  return check;
}

/**
 * 年度查询 (POST /staff/:id/rechecks, 未成年人保护法 第六十二条: 每年定期查询): the result the
 * employer received from public security, or public security itself, for one staff member.
 * It restarts the 12-month clock for the person everywhere they work.
 */
export class RecordRecheck {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly vault: ResidentIdVault,
    private readonly views: StaffViews,
    private readonly book: StaffRuleStore,
  ) {}

  async execute(request: RecordRecheckRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffView> {
    assertNotFuture(request.checkedOn, today);
    return this.unitOfWork.run(async (tx) => {
      const employments = new EmploymentRepository(tx.manager);
      const people = new PersonRepository(tx.manager);
      const employment = await employments.byId(request.staffId);
      if (!employment) throw staffNotFound(request.staffId);
      this.policy.assertCanRecordRecheck(actor, await institutionOrThrow(tx.manager, employment.institutionId));
      if (employment.endDate !== null) throw new DomainError('STAFF_ALREADY_ENDED', `该人员已于 ${employment.endDate} 离职，无需年度查询`);
      const person = await people.byIdOrFail(employment.personId);
      await people.lock([person.idHash]);
      const check = await insertCheck(tx, person, request, actor, employment.id);
      await applyRecordCheck(tx, person, check, actor, today, await this.book.current(tx.manager));
      await tx.audit({
        actor,
        action: 'staff.recheck',
        entity: 'employment',
        entityId: employment.id,
        requestId,
        after: { checkId: check.id, result: check.result, checkedOn: check.checkedOn, authority: check.authority, documentNo: check.documentNo },
      });
      const fresh = await employments.byIdOrFail(employment.id);
      return this.views.one(tx.manager, fresh, today, this.policy.seesFullIdNumbers(actor));
    });
  }
}

/** Public security enters a query result for a person, employed or not yet (vetting at hiring uses the latest). */
export class EnterRecordCheck {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly vault: ResidentIdVault,
    private readonly book: StaffRuleStore,
  ) {}

  async execute(request: EnterRecordCheckRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<RecordCheckView> {
    this.policy.assertCanEnterRecordCheck(actor);
    assertNotFuture(request.checkedOn, today);
    return this.unitOfWork.run(async (tx) => {
      const person = await this.vault.findOrCreate(tx.manager, request.idNumber, request.name);
      const check = await insertCheck(tx, person, request, actor, null);
      const affectedStaff = await applyRecordCheck(tx, person, check, actor, today, await this.book.current(tx.manager));
      await tx.audit({
        actor,
        action: 'record-check.enter',
        entity: 'record_check',
        entityId: check.id,
        requestId,
        after: {
          idNumber: person.idMasked,
          result: check.result,
          checkedOn: check.checkedOn,
          authority: check.authority,
          documentNo: check.documentNo,
          affectedStaff,
        },
      });
      return { id: check.id, result: check.result, checkedOn: check.checkedOn, authority: check.authority, documentNo: check.documentNo, affectedStaff };
    });
  }
}
