import { type Actor, DomainError, type FieldProblem, normalizeResidentId, shanghaiToday } from '@shanyu/common';
import { AddStaffBody, type ImportStaffRequest, type StaffImportResult, validateContract } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import type { StaffAccessPolicy } from '../access/staff-access.policy.js';
import { assertNotDeregistered, institutionOrThrow } from '../institutions/institutions.js';
import { isUniqueViolation } from '../unique-violation.js';
import { alreadyEmployed, type HireStaff } from './hire-staff.js';

/**
 * 批量导入: every row is validated like a single registration and vetted; accepted rows are
 * stored (each in its own transaction), rejected rows are reported with every reason and leave
 * nothing behind. A refused hiring (ban, criminal record) is the exception the law asks for:
 * the refused attempt is recorded and published, as for a single registration.
 */
export class ImportStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: StaffAccessPolicy,
    private readonly hiring: HireStaff,
  ) {}

  async execute(request: ImportStaffRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffImportResult> {
    const institution = await institutionOrThrow(this.dataSource, request.institutionId);
    this.policy.assertCanWrite(actor, institution);
    assertNotDeregistered(institution);
    const result: StaffImportResult = { institutionId: institution.id, total: request.rows.length, accepted: [], rejected: [] };
    const seen = new Map<string, number>();
    for (const row of request.rows) {
      let body: AddStaffBody;
      try {
        body = await validateContract(AddStaffBody, row.staff);
      } catch (e) {
        result.rejected.push({ rowNumber: row.rowNumber, problems: problemsOf(e) });
        continue;
      }
      const key = normalizeResidentId(body.idNumber);
      const first = seen.get(key);
      if (first !== undefined) {
        result.rejected.push({ rowNumber: row.rowNumber, problems: [{ field: 'idNumber', code: 'DUPLICATE_ROW', message: `与第 ${first} 行是同一人（身份证号相同）` }] });
        continue;
      }
      seen.set(key, row.rowNumber);
      try {
        const outcome = await this.unitOfWork.run((tx) => this.hiring.hire(tx, institution, body, actor, today, requestId, this.policy.seesFullIdNumbers(actor)));
        if (outcome.hired) result.accepted.push({ rowNumber: row.rowNumber, staff: outcome.view });
        else result.rejected.push({ rowNumber: row.rowNumber, problems: problemsOf(outcome.error) });
      } catch (e) {
        if (isUniqueViolation(e, 'employment_active_unique')) result.rejected.push({ rowNumber: row.rowNumber, problems: problemsOf(alreadyEmployed()) });
        else if (e instanceof DomainError && e.kind !== 'INTERNAL') result.rejected.push({ rowNumber: row.rowNumber, problems: problemsOf(e) });
        else throw e;
      }
    }
    return result;
  }
}

function problemsOf(e: unknown): FieldProblem[] {
  if (!(e instanceof DomainError)) throw e;
  return e.details?.length ? e.details : [{ field: '(row)', code: e.code, message: e.message }];
}
