import { randomUUID } from 'node:crypto';
import { type Actor, addMonthsToDate, DomainError, shanghaiToday } from '@shanyu/common';
import { type AddCredentialRequest, CREDENTIAL_TYPE_LABELS, type StaffView } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { EmploymentRepository } from '../employments/employment.repository.js';
import { staffNotFound } from '../employments/end-staff.use-case.js';
import type { StaffViews } from '../employments/staff-views.js';
import { institutionOrThrow } from '../institutions/institutions.js';
import type { StaffRuleStore } from '../rules/staff-rule-documents.js';
import type { CertificateRateMonitor } from '../stats/certificate-rate-monitor.js';
import { Credential } from './credential.entity.js';
import { CredentialRepository } from './credential.repository.js';

/**
 * A certificate of a staff member. It belongs to the person (it counts wherever they work).
 * A type the rules give a validity (health certificates: one year, 76号令 第十四条) expires that
 * long after issue when no expiry date is entered.
 */
export class AddCredential {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly views: StaffViews,
    private readonly book: StaffRuleStore,
    private readonly certificates: CertificateRateMonitor,
  ) {}

  async execute(request: AddCredentialRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffView> {
    if (request.issuedOn > today) throw DomainError.validation([{ field: 'issuedOn', code: 'notInFuture', message: `发证日期不能晚于今天（${today}）` }]);
    return this.unitOfWork.run(async (tx) => {
      const employment = await new EmploymentRepository(tx.manager).byId(request.staffId);
      if (!employment) throw staffNotFound(request.staffId);
      const institution = await institutionOrThrow(tx.manager, employment.institutionId);
      this.policy.assertCanWrite(actor, institution);
      const validity = (await this.book.current(tx.manager)).for(institution.divisionCode, today).credentialTypes[request.type].validityMonths;
      const expiresOn = request.expiresOn ?? (validity ? addMonthsToDate(request.issuedOn, validity) : null);
      const credentials = new CredentialRepository(tx.manager);
      if (await credentials.exists(employment.personId, request.type, request.number)) throw duplicate(request.type);
      const credential = Object.assign(new Credential(), {
        id: randomUUID(),
        personId: employment.personId,
        type: request.type,
        number: request.number,
        issuer: request.issuer,
        issuedOn: request.issuedOn,
        expiresOn,
        addedVia: employment.id,
        createdBy: actor.userId,
      });
      if (!(await credentials.insert(credential))) throw duplicate(request.type);
      await tx.audit({
        actor,
        action: 'credential.add',
        entity: 'employment',
        entityId: employment.id,
        requestId,
        after: {
          credentialId: credential.id,
          type: credential.type,
          number: credential.number,
          issuer: credential.issuer,
          issuedOn: credential.issuedOn,
          expiresOn,
        },
      });
      // The credential counts wherever the person works: each of those institutions' 持证率.
      await this.certificates.evaluate(tx.manager, tx, await this.certificates.institutionsOfPerson(tx.manager, employment.personId), actor, today);
      return this.views.one(tx.manager, employment, today, this.policy.seesFullIdNumbers(actor));
    });
  }
}

function duplicate(type: AddCredentialRequest['type']): DomainError {
  return new DomainError('CREDENTIAL_DUPLICATE', `该人员已登记过这本${CREDENTIAL_TYPE_LABELS[type]}`, [
    { field: 'number', code: 'CREDENTIAL_DUPLICATE', message: '同一类型、同一编号的证书已登记' },
  ]);
}
