import { QueryFailedError } from 'typeorm';

/** PostgreSQL 23505 on the named constraint or unique index: a concurrent insert won the race. */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError = e.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
