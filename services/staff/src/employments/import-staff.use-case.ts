import { type Actor, DomainError, type FieldProblem, normalizeResidentId, shanghaiToday } from '@shanyu/common';
import { AddStaffBody, type ImportStaffRequest, type StaffImportResult, validateContract } from '@shanyu/contracts';
import { HiringUseCase } from './add-staff.use-case.js';

/**
 * Rows stored per transaction: the advisory locks of a chunk's people stay held until its
 * commit (PostgreSQL's lock table has max_locks_per_transaction × max_connections slots, 64 × 100
 * by default), so a 1,000-row sheet takes two.
 */
export const IMPORT_CHUNK_ROWS = 500;

/**
 * 批量导入: every row is validated like a single registration and vetted; accepted rows are
 * stored, rejected rows are reported with every reason and leave nothing behind. A refused
 * hiring (ban, criminal record) is the exception the law asks for: the refused attempt is
 * recorded and published, as for a single registration. Set-based: the rows are validated in
 * memory first, then stored a chunk per transaction with the same rows, events and audit entries
 * as one registration each (HireStaff.hireMany).
 */
export class ImportStaff extends HiringUseCase {
  async execute(request: ImportStaffRequest, actor: Actor, requestId?: string, today = shanghaiToday()): Promise<StaffImportResult> {
    const institution = await this.hiringInstitution(request.institutionId, actor);
    const result: StaffImportResult = { institutionId: institution.id, total: request.rows.length, accepted: [], rejected: [] };
    const seen = new Map<string, number>();
    const valid: { rowNumber: number; body: AddStaffBody }[] = [];
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
        result.rejected.push({
          rowNumber: row.rowNumber,
          problems: [{ field: 'idNumber', code: 'DUPLICATE_ROW', message: `与第 ${first} 行是同一人（身份证号相同）` }],
        });
        continue;
      }
      seen.set(key, row.rowNumber);
      valid.push({ rowNumber: row.rowNumber, body });
    }
    const fullIdNumbers = this.policy.seesFullIdNumbers(actor);
    for (let i = 0; i < valid.length; i += IMPORT_CHUNK_ROWS) {
      const chunk = valid.slice(i, i + IMPORT_CHUNK_ROWS);
      const bodies = chunk.map((r) => r.body);
      const hire = () => this.unitOfWork.run((tx) => this.hiring.hireMany(tx, institution, bodies, actor, today, requestId, fullIdNumbers));
      let outcomes;
      try {
        outcomes = await hire();
      } catch (e) {
        // A hiring outside the institution's lock won a race: the retry sees it and reports that row as already employed.
        if (!(e instanceof DomainError && e.code === 'STAFF_ALREADY_EMPLOYED')) throw e;
        outcomes = await hire();
      }
      outcomes.forEach((outcome, j) => {
        const { rowNumber } = chunk[j]!;
        if (outcome.hired) result.accepted.push({ rowNumber, staff: outcome.view });
        else result.rejected.push({ rowNumber, problems: problemsOf(outcome.error) });
      });
    }
    result.rejected.sort((a, b) => a.rowNumber - b.rowNumber);
    return result;
  }
}

function problemsOf(e: unknown): FieldProblem[] {
  if (!(e instanceof DomainError)) throw e;
  return e.details?.length ? e.details : [{ field: '(row)', code: e.code, message: e.message }];
}
