import { hash } from 'node:crypto';
import type { LineKind } from '@shanyu/contracts';
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

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A field of COPY's text format: NULL is `\N`; backslash, tab and line breaks are escaped. */
function field(value: string | number | null): string {
  if (value === null) return '\\N';
  const s = String(value);
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]!) : s;
}

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
      field(l.lineKey),
      lineId(runId, l.lineKey),
      l.kind,
      field(l.period),
      l.institutionId,
      field(l.institutionName),
      field(l.divisionCode),
      field(l.childKey),
      field(l.rosterLineNo),
      field(l.policyKey),
      field(l.policyVersion),
      field(l.ruleId),
      field(l.ruleKind),
      field(l.ruleTitle),
      l.status,
      field(l.baseFen),
      field(l.amountFen),
      field(l.reasonCode),
      field(l.explanation),
      field(JSON.stringify(l.inputs)),
      field(l.origKey),
      field(l.budgetKey),
      field(l.adjustsLineId),
    ].join('\t') + '\n'
  );
}
