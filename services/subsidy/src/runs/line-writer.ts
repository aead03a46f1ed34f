import { hash } from 'node:crypto';
import type { LineKind } from '@shanyu/contracts';
import { copyField } from '@shanyu/persistence';
import type { ComputedLine } from './compute-lines.js';

export interface LineToWrite extends ComputedLine {
  kind: LineKind;
  adjustsLineId: string | null;
}

/** The columns of a COPY row, in order. */
export const COPY_COLUMNS = [
  'run_id',
  'line_key',
  'id',
  'kind',
  'period',
  'institution_id',
  'institution_name',
  'division_code',
  'child_key',
  'roster_line_no',
  'policy_key',
  'policy_version',
  'rule_id',
  'rule_kind',
  'rule_title',
  'status',
  'base_fen',
  'amount_fen',
  'reason_code',
  'explanation',
  'inputs',
  'orig_key',
  'budget_key',
  'adjusts_line_id',
] as const;

/** md5(run id : line key) as a uuid — what `md5($1::uuid::text || ':' || key)::uuid` gives in SQL. */
export function lineId(runId: string, lineKey: string): string {
  const h = hash('md5', `${runId}:${lineKey}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A line as a row of COPY's text format (columns as COPY_COLUMNS), its id derived from the run and its key. */
export function copyRow(runId: string, l: LineToWrite): string {
  return (
    [
      runId,
      copyField(l.lineKey),
      lineId(runId, l.lineKey),
      l.kind,
      copyField(l.period),
      l.institutionId,
      copyField(l.institutionName),
      copyField(l.divisionCode),
      copyField(l.childKey),
      copyField(l.rosterLineNo),
      copyField(l.policyKey),
      copyField(l.policyVersion),
      copyField(l.ruleId),
      copyField(l.ruleKind),
      copyField(l.ruleTitle),
      l.status,
      copyField(l.baseFen),
      copyField(l.amountFen),
      copyField(l.reasonCode),
      copyField(l.explanation),
      copyField(JSON.stringify(l.inputs)),
      copyField(l.origKey),
      copyField(l.budgetKey),
      copyField(l.adjustsLineId),
    ].join('\t') + '\n'
  );
}
