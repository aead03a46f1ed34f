import { hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LineKind } from '@shanyu/contracts';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { tables } from '../sql.js';
import type { ComputedLine } from './compute-lines.js';

export interface LineToWrite extends ComputedLine {
  kind: LineKind;
  adjustsLineId: string | null;
}

/** Text handed to the COPY stream at a time (PostgreSQL parses one chunk while the next is built). */
const CHUNK_CHARS = 256 * 1024;

const COLUMNS = [
  'run_id', 'line_key', 'id', 'kind', 'period', 'institution_id', 'institution_name', 'division_code', 'child_key', 'roster_line_no', 'policy_key',
  'policy_version', 'rule_id', 'rule_kind', 'rule_title', 'status', 'base_fen', 'amount_fen', 'reason_code', 'explanation', 'inputs', 'orig_key',
  'budget_key', 'adjusts_line_id',
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

export function copyRow(runId: string, l: LineToWrite): string {
  return [
    runId, field(l.lineKey), lineId(runId, l.lineKey), l.kind, field(l.period), l.institutionId, field(l.institutionName), field(l.divisionCode),
    field(l.childKey), field(l.rosterLineNo), field(l.policyKey), field(l.policyVersion), field(l.ruleId), field(l.ruleKind), field(l.ruleTitle),
    l.status, field(l.baseFen), field(l.amountFen), field(l.reasonCode), field(l.explanation), field(JSON.stringify(l.inputs)), field(l.origKey),
    field(l.budgetKey), field(l.adjustsLineId),
  ].join('\t') + '\n';
}

/**
 * Writes lines with `COPY run_line FROM STDIN` on the transaction's own connection: no JSON
 * round trip, no per-statement limit, and the lines are taken from `lines` as PostgreSQL reads
 * (an iterator computing them lazily keeps only a chunk of text in memory at a time). A line's id
 * is derived from the run and its key (md5, as before in SQL). COPY has no ON CONFLICT: the
 * caller must hold the run (its batch guard locks the run row first), so a batch is written once
 * per committed cursor step, and the primary key (run, line key) turns any second write into an
 * error that rolls the batch back rather than into a duplicate. Returns the number of lines.
 */
export async function writeLines(manager: EntityManager, runId: string, lines: Iterable<LineToWrite>): Promise<number> {
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  if (!runner) throw new Error('writeLines needs a transaction');
  const client = await runner.connect();
  let count = 0;
  function* chunks(): Generator<string> {
    let buffer = '';
    for (const line of lines) {
      buffer += copyRow(runId, line);
      count++;
      if (buffer.length >= CHUNK_CHARS) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  if (Array.isArray(lines) && lines.length === 0) return 0;
  await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(`COPY ${tables(manager).line} (${COLUMNS.join(', ')}) FROM STDIN`)));
  return count;
}
