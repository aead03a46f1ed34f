import type { IsoDate } from '@shanyu/common';
import type { CredentialType, StaffRole } from '@shanyu/contracts';
import { requirementsOf, type StaffRules } from '../rules/staff-rules.js';

export interface CredentialFact {
  type: CredentialType;
  issuedOn: IsoDate;
  expiresOn: IsoDate | null;
}

export function credentialValidOn(c: CredentialFact, on: IsoDate): boolean {
  return c.issuedOn <= on && (c.expiresOn === null || c.expiresOn >= on);
}

export interface Compliance {
  /** The role has at least one qualification requirement (counts in 持证率). */
  needsQualification: boolean;
  /** Every qualification requirement met on the day. */
  qualified: boolean;
  /** The role needs a health certificate (76号令 / 食品安全法). */
  needsHealthCertificate: boolean;
  healthCertified: boolean;
  /** Unmet requirements, each written `a|b` (any one of them). */
  missing: string[];
}

/** What a staff member in `role` holding `credentials` meets on `on`, by the rules' requirements. */
export function complianceOf(rules: StaffRules, role: StaffRole, credentials: CredentialFact[], on: IsoDate): Compliance {
  const valid = new Set(credentials.filter((c) => credentialValidOn(c, on)).map((c) => c.type));
  const result: Compliance = { needsQualification: false, qualified: true, needsHealthCertificate: false, healthCertified: true, missing: [] };
  for (const requirement of requirementsOf(rules, role)) {
    const health = requirement.anyOf.every((t) => rules.credentialTypes[t].kind === 'health');
    const met = requirement.anyOf.some((t) => valid.has(t));
    if (health) {
      result.needsHealthCertificate = true;
      result.healthCertified &&= met;
    } else {
      result.needsQualification = true;
      result.qualified &&= met;
    }
    if (!met) result.missing.push(requirement.anyOf.join('|'));
  }
  if (!result.needsQualification) result.qualified = false;
  if (!result.needsHealthCertificate) result.healthCertified = false;
  return result;
}

/** holding / required with 4 decimals; null when nobody is counted. */
export function rate(holding: number, required: number): number | null {
  return required === 0 ? null : Math.round((holding / required) * 10_000) / 10_000;
}
