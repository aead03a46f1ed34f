/**
 * Who is acting: travels in the `shanyu-actor` NATS header (never in a body) and in the JWT.
 * Departments are the supervising bodies (and operators, admins); divisions are the GB/T 2260 /
 * 10114 codes the actor may act in.
 */
export const DEPARTMENTS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'operator', 'admin'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const ROLES = ['official', 'inspector', 'operator', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  department: Department;
  role: Role;
  userId: string;
  /** Division codes the actor may act in; empty for an operator (bound to their own institutions). */
  divisions: string[];
  /** Set when a department system (API client) acts rather than a person. */
  clientId?: string;
}

export const SYSTEM_ACTOR: Actor = { department: 'admin', role: 'system', userId: 'system', divisions: [] };

export function isActor(value: unknown): value is Actor {
  const a = value as Actor;
  return (
    !!a &&
    typeof a === 'object' &&
    (DEPARTMENTS as readonly string[]).includes(a.department) &&
    (ROLES as readonly string[]).includes(a.role) &&
    typeof a.userId === 'string' &&
    a.userId.length > 0 &&
    Array.isArray(a.divisions) &&
    a.divisions.every((d) => typeof d === 'string')
  );
}
