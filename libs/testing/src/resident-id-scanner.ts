/**
 * Finds resident ID numbers (公民身份号码, GB 11643-1999) in the clear in any text: a log line,
 * an HTTP body, a NATS message. Used by the personal-data watch of the integration tests
 * (pii-leak-watch.ts) to prove that no ID number reaches a log or a reply it must not
 * (个人信息保护法 第五十一条).
 *
 * A candidate is 17 digits and a check character (0–9 or X) not touching another digit on
 * either side — letters around it do not hide it (`id330106…1234x` is found) — and it counts
 * only when it is a valid number: a province prefix of GB/T 2260, a real birth date and the
 * MOD 11-2 check character (validateResidentId). So 18-digit snowflake ids, timestamps and
 * masked numbers (`330106********1234`) are not reported.
 */
import { maskResidentId, validateResidentId } from '@shanyu/common';

const CANDIDATE = /(?<!\d)\d{17}[\dXx](?!\d)/g;

export interface ResidentIdFinding {
  /** The number as found (normalised to an upper-case X). */
  id: string;
  /** Where in the text it starts. */
  index: number;
}

/** Every valid resident ID number in `text`, in order of appearance. */
export function findResidentIds(text: string): ResidentIdFinding[] {
  if (text.length < 18) return [];
  const found: ResidentIdFinding[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const result = validateResidentId(match[0]);
    if (result.ok) found.push({ id: result.value, index: match.index });
  }
  return found;
}

/**
 * Up to `radius` characters either side of a finding, with every ID number in the excerpt
 * masked — so a report of a leak does not leak the number again.
 */
export function excerptAround(text: string, finding: ResidentIdFinding, radius = 60): string {
  const start = Math.max(0, finding.index - radius);
  const end = Math.min(text.length, finding.index + 18 + radius);
  return maskResidentIds(text.slice(start, end)).replace(/\s+/g, ' ');
}

/** The text with every valid ID number masked (`330106********1234`). */
export function maskResidentIds(text: string): string {
  return text.replace(CANDIDATE, (candidate) => (validateResidentId(candidate).ok ? maskResidentId(candidate) : candidate));
}
