import { identityRequired } from './identity.js';
import type { AnyEventDef, AnyRpcDef } from './contract.js';

/** One entry per NATS request subject (`defineRpc`): the catalog the docs, permissions and guards read. */
export type ContractEntry = AnyRpcDef;

/** One entry per event subject (`defineEvent`). */
export type EventEntry = AnyEventDef;

/** Subjects open without an identity (public reads, complaints, pings): the role rule does not apply to them. */
export function inspectorMayCall(entry: ContractEntry): boolean {
  return entry.inspector === true || !identityRequired(entry.subject);
}

const IDENTITY_ERRORS = ['IDENTITY_MISSING', 'IDENTITY_INVALID', 'IDENTITY_EXPIRED'];

/**
 * Every code the subject may answer with: its own, VALIDATION (any subject refuses a body that is not
 * JSON), the role rule's and the identity refusals.
 */
export function errorsOf(entry: ContractEntry): string[] {
  const errors: string[] = [...entry.errors];
  if (!errors.includes('VALIDATION')) errors.unshift('VALIDATION');
  if (!inspectorMayCall(entry) && !errors.includes('ROLE_NOT_ALLOWED')) errors.push('ROLE_NOT_ALLOWED');
  if (identityRequired(entry.subject)) errors.push(...IDENTITY_ERRORS.filter((code) => !errors.includes(code)));
  return errors;
}
