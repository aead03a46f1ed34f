import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type Actor, addMonthsToMonth, assertMayPublishRules, DomainError, withinDivision } from '@shanyu/common';
import type { ListPoliciesRequest, PolicyDocument, PolicyVersionView, PublishPolicyBody } from '@shanyu/contracts';
import type { RuleDocumentSource, StoredRuleDocument, UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { RunRepository } from '../runs/run.repository.js';
import { assertNoOverlap, loadPolicy, type Policy, policyRuleDocument, versionsInForce } from './policy.js';
import { PolicyRepository, type PolicyRow } from './policy.repository.js';

/** A policy document without its citations (`source` texts): what decides who is paid what. */
function withoutCitations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCitations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .map(([key, v]) => [key, withoutCitations(v)]),
  );
}

/**
 * Stores the built-in versions (checked at start) the first time. A built-in version already
 * stored must decide the same once a posted run paid under it — a version that paid a month is
 * what explains that month, a change needs a new version — but its citations may always be
 * corrected (a document's exact title, 文号 or article), and a built-in version nothing was paid
 * under yet takes the corrected rules of the release.
 */
export async function ensureBuiltInPolicies(ds: DataSource, policies: readonly Policy[]): Promise<void> {
  const stored = new PolicyRepository(ds.manager);
  for (const policy of policies) {
    const document = JSON.stringify(policy);
    const existing = await stored.storedCopy(policy.version, document);
    if (existing && !existing.same) {
      const decidesAlike = isDeepStrictEqual(withoutCitations(existing.document), withoutCitations(JSON.parse(document)));
      if (existing.origin !== 'built-in' || (!decidesAlike && (await new RunRepository(ds.manager).postedUnder(policy.version)))) {
        throw new Error(
          `built-in subsidy policy ${policy.version} differs from the stored version of the same name, which posted runs paid under: publish a new version instead of editing one`,
        );
      }
      await stored.replaceDocument(policy.version, document);
    }
    if (!existing) await stored.insertBuiltIn(policy);
  }
}

function toView(row: PolicyRow, all: PolicyRow[]): PolicyVersionView {
  const doc = row.document;
  const next = all
    .filter((r) => r.policy_key === row.policy_key && r.document.effectiveFrom > doc.effectiveFrom)
    .sort((a, b) => (a.document.effectiveFrom < b.document.effectiveFrom ? -1 : 1))[0];
  return {
    id: row.id,
    ...doc,
    effectiveTo: doc.effectiveTo ?? null,
    budget: doc.budget ?? null,
    effectiveUntil: doc.effectiveTo ?? (next ? addMonthsToMonth(next.document.effectiveFrom, -1) : null),
    origin: row.origin,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by,
  };
}

export class ListPolicies {
  private readonly policies: PolicyRepository;

  constructor(ds: DataSource) {
    this.policies = new PolicyRepository(ds.manager);
  }

  async execute(request: ListPoliciesRequest): Promise<PolicyVersionView[]> {
    const rows = await this.policies.all();
    let chosen = rows;
    if (request.policyKey) chosen = chosen.filter((r) => r.policy_key === request.policyKey);
    if (request.divisionCode) {
      const d = request.divisionCode;
      chosen = chosen.filter((r) => withinDivision(r.document.divisionCode, d) || withinDivision(d, r.document.divisionCode));
    }
    if (request.month) {
      const inForce = new Set(
        versionsInForce(
          chosen.map((r) => ({ ...r.document, effectiveTo: r.document.effectiveTo ?? null })),
          request.month,
        ).map((p) => p.version),
      );
      chosen = chosen.filter((r) => inForce.has(r.version));
    }
    return chosen.map((r) => toView(r, rows));
  }
}

/** A new policy version (health or finance of the division or a division above it, or an admin), checked rule by rule. */
export class PublishPolicy {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute(body: PublishPolicyBody, actor: Actor, requestId?: string): Promise<PolicyVersionView> {
    assertMayPublishRules(actor, 'subsidy', body.divisionCode);
    const plain = JSON.parse(JSON.stringify(body)) as PublishPolicyBody;
    const doc: PolicyDocument = { ...plain, effectiveTo: plain.effectiveTo ?? null, budget: plain.budget ?? null };
    const policy = loadPolicy(doc);
    return this.unitOfWork.run(async (tx) => {
      const policies = new PolicyRepository(tx.manager);
      await policies.lockPolicy(policy.policyKey);
      const versions = await policies.versionsOf(policy.policyKey);
      if (versions.some((v) => v.version === policy.version)) {
        throw new DomainError('POLICY_VERSION_EXISTS', `版本 ${policy.version} 已存在；版本一经发布不再修改，请发布新版本`);
      }
      assertNoOverlap(
        versions.map((v) => ({ version: v.version, effectiveFrom: v.document.effectiveFrom, effectiveTo: v.document.effectiveTo ?? null })),
        { version: policy.version, effectiveFrom: policy.effectiveFrom, effectiveTo: policy.effectiveTo ?? null },
      );
      // Months already paid are explained by the rules that paid them.
      const posted = await new RunRepository(tx.manager).postedMonths(policy.effectiveFrom, policy.effectiveTo ?? null);
      const clash = posted.find((r) => withinDivision(policy.divisionCode, r.division_code) || withinDivision(r.division_code, policy.divisionCode));
      if (clash) {
        throw new DomainError('POLICY_PERIOD_POSTED', `${clash.division_code} ${clash.month} 的补助已入账，新版本不能自该月或更早生效（更正请通过下期调整）`, [
          { field: 'effectiveFrom', code: 'POLICY_PERIOD_POSTED', message: `${clash.month} 已入账` },
        ]);
      }
      const id = randomUUID();
      const by = { department: actor.department, userId: actor.userId };
      await policies.insertPublished(id, policy, doc, by);
      await tx.audit({ actor, action: 'policy.publish', entity: 'subsidy_policy', entityId: policy.version, after: doc, requestId });
      const row = (await policies.byId(id))!;
      return toView(row, [...versions, row]);
    });
  }
}

/** The subsidy policies (built-in and published, every version) as rule documents of the family `subsidy`. */
export class SubsidyRuleDocuments implements RuleDocumentSource {
  constructor(private readonly ds: DataSource) {}

  async documents(): Promise<StoredRuleDocument[]> {
    const rows = await new PolicyRepository(this.ds.manager).all();
    return rows.map((row) => ({ ...policyRuleDocument(row.document as unknown as Policy), origin: row.origin }));
  }
}
