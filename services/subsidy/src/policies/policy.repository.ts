import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@shanyu/common';
import type { PolicyDocument } from '@shanyu/contracts';
import { SqlRepository } from '../sql.js';
import type { Policy } from './policy.js';

export interface PolicyRow {
  id: string;
  policy_key: string;
  version: string;
  document: PolicyDocument;
  origin: 'built-in' | 'published';
  published_at: Date;
  published_by: { department: string; userId: string };
}

const COLUMNS = 'id, policy_key, version, document, origin, published_at, published_by';

/** 补助政策 versions: stored once, never edited (a change is a new version). */
export class PolicyRepository extends SqlRepository {
  /** Every stored policy version (documents were checked when stored). */
  async documents(): Promise<Policy[]> {
    const rows: { document: PolicyDocument }[] = await this.manager.query(`SELECT document FROM ${this.t.policy} ORDER BY version`);
    return rows.map((r) => r.document as unknown as Policy);
  }

  /** Every stored version, by policy and start. */
  all(): Promise<PolicyRow[]> {
    return this.manager.query(`SELECT ${COLUMNS} FROM ${this.t.policy} ORDER BY policy_key, effective_from`);
  }

  versionsOf(policyKey: string): Promise<PolicyRow[]> {
    return this.manager.query(`SELECT ${COLUMNS} FROM ${this.t.policy} WHERE policy_key = $1`, [policyKey]);
  }

  async byId(id: string): Promise<PolicyRow | undefined> {
    const [row]: PolicyRow[] = await this.manager.query(`SELECT ${COLUMNS} FROM ${this.t.policy} WHERE id = $1`, [id]);
    return row;
  }

  /** The stored copy of a version, and whether it is the same document as `document` (compared as jsonb). */
  async storedCopy(version: string, document: string): Promise<{ same: boolean; document: unknown; origin: string } | undefined> {
    const [row]: { same: boolean; document: unknown; origin: string }[] = await this.manager.query(
      `SELECT document = $2::jsonb AS same, document, origin FROM ${this.t.policy} WHERE version = $1`,
      [version, document],
    );
    return row;
  }

  async replaceDocument(version: string, document: string): Promise<void> {
    await this.manager.query(`UPDATE ${this.t.policy} SET document = $2::jsonb WHERE version = $1`, [version, document]);
  }

  /** A built-in version, unless another instance stored it meanwhile. */
  async insertBuiltIn(policy: Policy): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.policy} (id, policy_key, version, division_code, effective_from, effective_to, document, origin, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'built-in', $8::jsonb) ON CONFLICT (version) DO NOTHING`,
      [
        randomUUID(),
        policy.policyKey,
        policy.version,
        policy.divisionCode,
        policy.effectiveFrom,
        policy.effectiveTo ?? null,
        JSON.stringify(policy),
        JSON.stringify({ department: SYSTEM_ACTOR.department, userId: SYSTEM_ACTOR.userId }),
      ],
    );
  }

  /** A published version: its columns from the checked policy, its document as published. */
  async insertPublished(id: string, policy: Policy, document: PolicyDocument, publishedBy: { department: string; userId: string }): Promise<void> {
    await this.manager.query(
      `INSERT INTO ${this.t.policy} (id, policy_key, version, division_code, effective_from, effective_to, document, origin, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'published', $8::jsonb)`,
      [
        id,
        policy.policyKey,
        policy.version,
        policy.divisionCode,
        policy.effectiveFrom,
        policy.effectiveTo ?? null,
        JSON.stringify(document),
        JSON.stringify(publishedBy),
      ],
    );
  }

  /** Versions of one policy are published one after another (held until the transaction ends). */
  async lockPolicy(policyKey: string): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`subsidy-policy:${policyKey}`]);
  }
}
