import { RULE_COMPOSITIONS } from '@shanyu/common';
import { CREDIT_GRADES } from '../credit/credit.contracts.js';
import { BUDGET_METHODS, ELIGIBILITY_CHECKS, POLICY_RULE_KINDS } from './subsidy.contracts.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const int = { type: 'integer' };
const fen = { type: 'integer', description: 'fen (分)' };
const uuid = { type: 'string', format: 'uuid' };
const month = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' };
const dateTime = { type: 'string', format: 'date-time' };
const who = { type: 'object', required: ['department', 'userId'], properties: { department: str, userId: str } };
const obj = (required: string[], properties: Record<string, object>) => ({ type: 'object', required, properties });

const sourced = obj(['source'], { source: str });

/** The policy versions (rules as data): still hand-written, typed by PolicyVersionView. */
export const SUBSIDY_REPLY_SCHEMAS: Record<string, object> = {
  PolicyRuleView: obj(['id', 'title', 'source'], {
    id: str,
    key: { type: 'string', description: 'Key shared with the rules of the levels above; default the id' },
    composition: {
      type: 'string',
      enum: RULE_COMPOSITIONS,
      description: 'adds (default), replaces, disables, inherits: how it composes with the same key above',
    },
    reason: { type: 'string', description: 'Why a rule from above is disabled' },
    kind: { type: 'string', enum: POLICY_RULE_KINDS, description: 'Absent for disables and inherits' },
    title: str,
    params: { type: 'object', description: 'Parameters of the kind (fen, basis points)' },
    requires: { type: 'array', items: { type: 'string', enum: ELIGIBILITY_CHECKS } },
    source: str,
  }),
  PolicyVersionView: obj(
    [
      'id',
      'policyKey',
      'version',
      'divisionCode',
      'title',
      'source',
      'effectiveFrom',
      'effectiveTo',
      'effectiveUntil',
      'eligibility',
      'rules',
      'budget',
      'origin',
      'publishedAt',
      'publishedBy',
    ],
    {
      id: uuid,
      policyKey: str,
      version: str,
      divisionCode: str,
      title: str,
      source: str,
      effectiveFrom: month,
      effectiveTo: { ...month, type: ['string', 'null'] },
      effectiveUntil: { ...month, type: ['string', 'null'], description: 'Last month in force (null: open)' },
      eligibility: obj([], {
        filed: sourced,
        inclusive: sourced,
        noOpenCriticalFinding: sourced,
        creditGrade: obj(['excluded', 'source'], { excluded: { type: 'array', items: { type: 'string', enum: CREDIT_GRADES } }, source: str }),
        certificateRate: obj(['minBp', 'source'], { minBp: int, source: str }),
        notSeriouslyListed: sourced,
      }),
      rules: { type: 'array', items: ref('PolicyRuleView') },
      budget: {
        oneOf: [
          { type: 'null' },
          obj(['annualCapFen', 'rules', 'method', 'source'], {
            annualCapFen: fen,
            rules: { type: 'array', items: str },
            method: { type: 'string', enum: BUDGET_METHODS },
            source: str,
          }),
        ],
      },
      origin: { type: 'string', enum: ['built-in', 'published'] },
      publishedAt: dateTime,
      publishedBy: who,
    },
  ),
  PolicyVersionList: { type: 'array', items: ref('PolicyVersionView') },
};
