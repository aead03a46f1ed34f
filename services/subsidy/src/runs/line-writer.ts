import type { LineKind } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { tables } from '../sql.js';
import type { ComputedLine } from './compute-lines.js';

export interface LineToWrite extends ComputedLine {
  kind: LineKind;
  adjustsLineId: string | null;
}

/** Lines per statement (a few MB of JSON at most). */
const CHUNK = 5_000;

/**
 * Writes lines set-based: one `INSERT … SELECT FROM json_to_recordset($2)` per chunk — the
 * chunk travels as one JSON document (V8's JSON.stringify and PostgreSQL's JSON parser are both
 * native code; binding one array per column made node-pg escape every element in JavaScript,
 * several times slower), so a statement has 2 bind parameters however many rows it carries
 * (PostgreSQL allows 65,535) and there is no ORM work per row. A line's id is derived from the
 * run and its key, and the primary key (run, line key) makes a batch written again after a
 * crash add nothing.
 */
export async function writeLines(manager: EntityManager, runId: string, lines: readonly LineToWrite[]): Promise<number> {
  let written = 0;
  for (let start = 0; start < lines.length; start += CHUNK) {
    const chunk = lines.slice(start, start + CHUNK);
    const result: unknown[] = await manager.query(
      `INSERT INTO ${tables(manager).line} (run_id, line_key, id, kind, period, institution_id, institution_name, division_code, child_key, roster_line_no,
         policy_key, policy_version, rule_id, rule_kind, rule_title, status, base_fen, amount_fen, reason_code, explanation, inputs, orig_key, budget_key, adjusts_line_id)
       SELECT $1::uuid, t."lineKey", md5($1::uuid::text || ':' || t."lineKey")::uuid, t.kind, t.period, t."institutionId", t."institutionName", t."divisionCode",
         t."childKey", t."rosterLineNo", t."policyKey", t."policyVersion", t."ruleId", t."ruleKind", t."ruleTitle", t.status, t."baseFen", t."amountFen",
         t."reasonCode", t.explanation, t.inputs, t."origKey", t."budgetKey", t."adjustsLineId"
       FROM json_to_recordset($2::json) AS t("lineKey" text, kind text, period text, "institutionId" uuid, "institutionName" text, "divisionCode" text,
         "childKey" text, "rosterLineNo" int, "policyKey" text, "policyVersion" text, "ruleId" text, "ruleKind" text, "ruleTitle" text, status text,
         "baseFen" bigint, "amountFen" bigint, "reasonCode" text, explanation text, inputs jsonb, "origKey" text, "budgetKey" text, "adjustsLineId" uuid)
       ON CONFLICT (run_id, line_key) DO NOTHING
       RETURNING 1`,
      [runId, JSON.stringify(chunk)],
    );
    written += result.length;
  }
  return written;
}
