import type { FieldProblem } from './errors.js';

/**
 * Outcome of checking an identifier: either the (normalised) value, or a stable English
 * `code` with a Chinese `message` for people: clients branch on the code, officials and
 * operators read the message.
 */
export type ValidationResult = { ok: true; value: string } | { ok: false; code: string; message: string };

export type ValidationFailure = Extract<ValidationResult, { ok: false }>;

export function validationFailure(code: string, message: string): ValidationFailure {
  return { ok: false, code, message };
}

/**
 * Turns a failed check into the `FieldProblem` that `DomainError.validation` expects, so a
 * service can write `if (!r.ok) throw DomainError.validation([toFieldProblem('uscc', r)])`.
 */
export function toFieldProblem(field: string, failure: ValidationFailure): FieldProblem {
  return { field, code: failure.code, message: failure.message };
}
