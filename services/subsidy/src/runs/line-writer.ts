import type { LineKind } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { tables } from '../sql.js';
import type { ComputedLine } from './compute-lines.js';

export interface LineToWrite extends ComputedLine {
  kind: LineKind;
  adjustsLineId: string | null;
}

/** Lines per statement: the statement binds one array per column (23 parameters), whatever the batch size. */
const CHUNK = 10_000;

/**
 * Writes lines set-based: one `INSERT … SELECT FROM unnest(…)` per chunk, each column bound as
 * one array, so a statement has 23 bind parameters however many rows it carries (PostgreSQL
 * allows 65,535) and no ORM work per row. A line's id is derived from the run and its key, and
 * the primary key (run, line key) makes a batch that is written again after a crash add nothing.
 */
export async function writeLines(manager: EntityManager, runId: string, lines: readonly LineToWrite[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < lines.length; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK);
    const col = <K extends keyof LineToWrite>(k: K) => chunk.map((l) => l[k]);
    const result: unknown[] = await manager.query(
      `INSERT INTO ${tables(manager).line} (run_id, line_key, id, kind, period, institution_id, institution_name, division_code, child_key, roster_line_no,
         policy_key, policy_version, rule_id, rule_kind, rule_title, status, base_fen, amount_fen, reason_code, explanation, inputs, orig_key, budget_key, adjusts_line_id)
       SELECT $1::uuid, k, md5($1::uuid::text || ':' || k)::uuid, kind, period, inst, iname, div, ck, rl, pk, pv, rid, rk, rt, st, bf, af, rc, ex, inp::jsonb, ok, bk, adj
       FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[],
         $13::text[], $14::text[], $15::text[], $16::bigint[], $17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::uuid[])
         AS t(k, kind, period, inst, iname, div, ck, rl, pk, pv, rid, rk, rt, st, bf, af, rc, ex, inp, ok, bk, adj)
       ON CONFLICT (run_id, line_key) DO NOTHING
       RETURNING 1`,
      [
        runId, col('lineKey'), col('kind'), col('period'), col('institutionId'), col('institutionName'), col('divisionCode'), col('childKey'), col('rosterLineNo'),
        col('policyKey'), col('policyVersion'), col('ruleId'), col('ruleKind'), col('ruleTitle'), col('status'), col('baseFen'), col('amountFen'), col('reasonCode'),
        col('explanation'), chunk.map((l) => JSON.stringify(l.inputs)), col('origKey'), col('budgetKey'), col('adjustsLineId'),
      ],
    );
    written += result.length;
  }
  return written;
}
