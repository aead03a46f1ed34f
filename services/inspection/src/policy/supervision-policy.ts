import { type CreditGrade, CREDIT_GRADES, INSPECTION_KINDS, type InspectionKind, SEVERITIES, type Severity } from '@shanyu/contracts';
import { isIsoDate } from '@shanyu/common';

/**
 * The numbers supervision runs on, as versioned data with sources, so a department can check
 * why a plan drew what it drew. Every plan and inspection stores the version it used, so it can
 * be recomputed and explained later.
 */
export interface SupervisionPolicy {
  version: string;
  effectiveFrom: string;
  /** Sampling ratio per credit grade (0–1). */
  samplingRatios: Record<CreditGrade, number>;
  /** Inspectors per department per institution (law-enforcement visits need at least two). */
  minInspectorsPerDepartment: number;
  /** Maximum counted inspections per institution per calendar year. */
  yearlyCap: number;
  /** Inspection kinds not counted towards the yearly cap. */
  capExemptKinds: InspectionKind[];
  /** A second inspection by the same department within this many days raises INSPECTION_REPEATED. */
  repeatWindowDays: number;
  /** Rectification deadline by severity, in working days from the day the inspection completes. */
  rectificationWorkingDays: Record<Severity, number>;
  /** Grades that get the abbreviated checklist (differential monitoring). */
  abbreviatedGrades: CreditGrade[];
  /** The abbreviated checklist keeps basic items and items of at least this risk weight. */
  abbreviatedMinRiskWeight: number;
  sources: Record<string, string>;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
}

const ratio = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const posInt = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;

const FIELDS: Record<keyof SupervisionPolicy, (v: unknown) => boolean> = {
  version: (v) => typeof v === 'string' && /^supervision-policy\/\d{4}\.\d+$/.test(v),
  effectiveFrom: isIsoDate,
  samplingRatios: (v) => !!v && typeof v === 'object' && CREDIT_GRADES.every((g) => ratio((v as Record<string, unknown>)[g])) && Object.keys(v).length === 4,
  minInspectorsPerDepartment: (v) => Number.isInteger(v) && (v as number) >= 2,
  yearlyCap: posInt,
  capExemptKinds: (v) => Array.isArray(v) && v.every((k) => (INSPECTION_KINDS as readonly string[]).includes(k)),
  repeatWindowDays: posInt,
  rectificationWorkingDays: (v) =>
    !!v && typeof v === 'object' && SEVERITIES.every((s) => posInt((v as Record<string, unknown>)[s])) && Object.keys(v).length === 3,
  abbreviatedGrades: (v) => Array.isArray(v) && v.every((g) => (CREDIT_GRADES as readonly string[]).includes(g)),
  abbreviatedMinRiskWeight: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5,
  sources: (v) => !!v && typeof v === 'object' && Object.values(v).every((s) => typeof s === 'string' && s.length > 3),
};

/** Every numeric rule must cite a source. */
const NEEDS_SOURCE = ['samplingRatios', 'minInspectorsPerDepartment', 'yearlyCap', 'repeatWindowDays', 'rectificationWorkingDays', 'abbreviatedGrades'];

export function loadPolicy(data: unknown): SupervisionPolicy {
  const p = data as Record<string, unknown>;
  if (!p || typeof p !== 'object') throw new PolicyError('supervision policy is not an object');
  const problems: string[] = [];
  for (const [key, ok] of Object.entries(FIELDS)) if (!ok(p[key])) problems.push(`${key} missing or invalid`);
  for (const key of Object.keys(p)) if (!(key in FIELDS)) problems.push(`unknown field ${key}`);
  for (const key of NEEDS_SOURCE)
    if (!(p.sources as Record<string, unknown> | undefined)?.[key]) problems.push(`sources.${key} missing — every rule cites where it comes from`);
  if (problems.length) throw new PolicyError(`invalid supervision policy ${String(p.version ?? '')}:\n  ${problems.join('\n  ')}`);
  return p as unknown as SupervisionPolicy;
}
