import type { Actor } from './actor.js';

/**
 * The code prefix shared by everything inside a division: a province 330000 → "33", a city
 * 330100 → "3301", a county 330106 → "330106", a street 330106109 → itself (GB/T 2260 / 10114
 * codes are hierarchical by position).
 */
export function divisionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

/** True when `code` is `scope` or lies inside it. */
export function withinDivision(scope: string, code: string): boolean {
  return code.startsWith(divisionPrefix(scope));
}

/** Admins act everywhere; everyone else only inside the divisions their account carries. */
export function actorCoversDivision(actor: Actor, code: string): boolean {
  if (actor.department === 'admin') return true;
  return actor.divisions.some((scope) => withinDivision(scope, code));
}

/** SQL LIKE patterns that select the rows inside the actor's divisions; null means everything. */
export function scopePrefixes(actor: Actor): string[] | null {
  if (actor.department === 'admin') return null;
  return actor.divisions.map(divisionPrefix);
}
