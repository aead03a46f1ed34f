import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type Actor, addMonthsToMonth, DomainError, SYSTEM_ACTOR, withinDivision } from '@shanyu/common';
import type { ListPoliciesRequest, PolicyDocument, PolicyVersionView, PublishPolicyBody } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubsidyAccessPolicy } from '../access/subsidy-access.policy.js';
import { tables } from '../sql.js';
import { assertNoOverlap, loadPolicy, type Policy, versionsInForce } from './policy.js';

interface PolicyRow {
  id: string;
  policy_key: string;
  version: string;
  document: PolicyDocument;
  origin: 'built-in' | 'published';
  published_at: Date;
  published_by: { department: string; userId: string };
}

/** Every stored policy version (documents were checked when stored). */
export async function allPolicies(db: EntityManager | DataSource): Promise<Policy[]> {
  const rows: { document: PolicyDocument }[] = await db.query(`SELECT document FROM ${tables(db).policy} ORDER BY version`);
  return rows.map((r) => r.document as unknown as Policy);
}

/** A policy document without its citations (`source` texts): what decides who is paid what. */
function withoutCitations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCitations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'source').map(([key, v]) => [key, withoutCitations(v)]));
}

/**
 * Stores the built-in versions (checked at start) the first time. A built-in version already
 * stored must decide the same — a version is never edited, a change needs a new version — but
 * its citations may be corrected (a document's exact title, 文号 or article): the stored copy
 * takes the corrected `source` texts, which change no amount and no eligibility.
 */
export async function ensureBuiltInPolicies(ds: DataSource, policies: readonly Policy[]): Promise<void> {
  const t = tables(ds);
  for (const policy of policies) {
    const document = JSON.stringify(policy);
    const [existing]: { same: boolean; document: unknown; origin: string }[] = await ds.query(
      `SELECT document = $2::jsonb AS same, document, origin FROM ${t.policy} WHERE version = $1`, [policy.version, document],
    );
    if (existing && !existing.same) {
      if (existing.origin !== 'built-in' || !isDeepStrictEqual(withoutCitations(existing.document), withoutCitations(JSON.parse(document)))) {
        throw new Error(`built-in subsidy policy ${policy.version} differs from the stored version of the same name: publish a new version instead of editing one`);
      }
      await ds.query(`UPDATE ${t.policy} SET document = $2::jsonb WHERE version = $1`, [policy.version, document]);
    }
    if (!existing) {
      await ds.query(
        `INSERT INTO ${t.policy} (id, policy_key, version, division_code, effective_from, effective_to, document, origin, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'built-in', $8::jsonb) ON CONFLICT (version) DO NOTHING`,
        [randomUUID(), policy.policyKey, policy.version, policy.divisionCode, policy.effectiveFrom, policy.effectiveTo ?? null, JSON.stringify(policy),
          JSON.stringify({ department: SYSTEM_ACTOR.department, userId: SYSTEM_ACTOR.userId })],
      );
    }
  }
}

function toView(row: PolicyRow, all: PolicyRow[]): PolicyVersionView {
  const doc = row.document;
  const next = all
    .filter((r) => r.policy_key === row.policy_key && r.document.effectiveFrom > doc.effectiveFrom)
    .sort((a, b) => (a.document.effectiveFrom < b.document.effectiveFrom ? -1 : 1))[0];
  return {
    id: row.id, ...doc, effectiveTo: doc.effectiveTo ?? null, budget: doc.budget ?? null,
    effectiveUntil: doc.effectiveTo ?? (next ? addMonthsToMonth(next.document.effectiveFrom, -1) : null),
    origin: row.origin, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by,
  };
}

export class ListPolicies {
  constructor(private readonly ds: DataSource) {}

  async execute(request: ListPoliciesRequest): Promise<PolicyVersionView[]> {
    const rows: PolicyRow[] = await this.ds.query(`SELECT id, policy_key, version, document, origin, published_at, published_by FROM ${tables(this.ds).policy} ORDER BY policy_key, effective_from`);
    let chosen = rows;
    if (request.policyKey) chosen = chosen.filter((r) => r.policy_key === request.policyKey);
    if (request.divisionCode) {
      const d = request.divisionCode;
      chosen = chosen.filter((r) => withinDivision(r.document.divisionCode, d) || withinDivision(d, r.document.divisionCode));
    }
    if (request.month) {
      const inForce = new Set(versionsInForce(chosen.map((r) => ({ ...r.document, effectiveTo: r.document.effectiveTo ?? null })), request.month).map((p) => p.version));
      chosen = chosen.filter((r) => inForce.has(r.version));
    }
    return chosen.map((r) => toView(r, rows));
  }
}

/** A new policy version (health or finance of the division, or an admin), checked rule by rule. */
export class PublishPolicy {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly access: SubsidyAccessPolicy,
  ) {}

  async execute(body: PublishPolicyBody, actor: Actor, requestId?: string): Promise<PolicyVersionView> {
    this.access.assertDepartment(actor, ['health', 'finance', 'admin'], '发布补助政策');
    this.access.assertCovers(actor, body.divisionCode);
    const plain = JSON.parse(JSON.stringify(body)) as PublishPolicyBody;
    const doc: PolicyDocument = { ...plain, effectiveTo: plain.effectiveTo ?? null, budget: plain.budget ?? null };
    const policy = loadPolicy(doc);
    return this.unitOfWork.run(async (tx) => {
      const t = tables(tx.manager);
      await tx.manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`subsidy-policy:${policy.policyKey}`]);
      const versions: PolicyRow[] = await tx.manager.query(
        `SELECT id, policy_key, version, document, origin, published_at, published_by FROM ${t.policy} WHERE policy_key = $1`, [policy.policyKey],
      );
      if (versions.some((v) => v.version === policy.version)) {
        throw new DomainError('POLICY_VERSION_EXISTS', `版本 ${policy.version} 已存在；版本一经发布不再修改，请发布新版本`);
      }
      assertNoOverlap(
        versions.map((v) => ({ version: v.version, effectiveFrom: v.document.effectiveFrom, effectiveTo: v.document.effectiveTo ?? null })),
        { version: policy.version, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo ?? null },
      );
      // Months already paid are explained by the rules that paid them.
      const posted: { month: string; division_code: string }[] = await tx.manager.query(
        `SELECT month, division_code FROM ${t.run} WHERE status = 'posted' AND month >= $1 AND ($2::text IS NULL OR month <= $2) ORDER BY month`,
        [policy.effectiveFrom, policy.effectiveTo ?? null],
      );
      const clash = posted.find((r) => withinDivision(policy.divisionCode, r.division_code) || withinDivision(r.division_code, policy.divisionCode));
      if (clash) {
        throw new DomainError('POLICY_PERIOD_POSTED', `${clash.division_code} ${clash.month} 的补助已入账，新版本不能自该月或更早生效（更正请通过下期调整）`, [
          { field: 'effectiveFrom', code: 'POLICY_PERIOD_POSTED', message: `${clash.month} 已入账` },
        ]);
      }
      const id = randomUUID();
      const by = { department: actor.department, userId: actor.userId };
      await tx.manager.query(
        `INSERT INTO ${t.policy} (id, policy_key, version, division_code, effective_from, effective_to, document, origin, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'published', $8::jsonb)`,
        [id, policy.policyKey, policy.version, policy.divisionCode, policy.effectiveFrom, policy.effectiveTo ?? null, JSON.stringify(doc), JSON.stringify(by)],
      );
      await tx.audit({ actor, action: 'policy.publish', entity: 'subsidy_policy', entityId: policy.version, after: doc, requestId });
      const [row]: PolicyRow[] = await tx.manager.query(`SELECT id, policy_key, version, document, origin, published_at, published_by FROM ${t.policy} WHERE id = $1`, [id]);
      return toView(row!, [...versions, row!]);
    });
  }
}
