import { type Actor, scopePrefixes } from '@shanyu/common';

/** The division prefixes whose records a reader may list; null: every division (admins, and the public). */
export type DivisionScope = readonly string[] | null;

export function divisionScopeOf(actor: Actor | null): DivisionScope {
  return actor ? scopePrefixes(actor) : null;
}

/** Query-builder condition restricting `column` to the scope (`true` for every division). */
export function scopeCondition(column: string, scope: DivisionScope): { sql: string; params: Record<string, unknown> } {
  if (scope === null) return { sql: 'true', params: {} };
  return { sql: `${column} LIKE ANY(:scopePrefixes)`, params: { scopePrefixes: scope.map((p) => `${p}%`) } };
}
