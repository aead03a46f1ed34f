import { identityRequired } from './identity.js';

/** One entry per NATS request subject: the source of the published subject list (AsyncAPI). */
export interface ContractEntry {
  subject: string;
  service: string;
  summary: string;
  /** The request class (validated by the service); null when the body is empty. */
  request: (new () => object) | null;
  /** Name of the reply shape documented in the schemas. */
  reply: string;
  /** Error codes the subject may answer with (ROLE_NOT_ALLOWED is added by `errorsOf`). */
  errors?: string[];
  /**
   * An inspector account (role `inspector`) may call it: the work of the visits it is assigned
   * to. Every other subject except the public ones and pings answers it ROLE_NOT_ALLOWED.
   */
  inspector?: true;
}

/** Subjects open without an identity (public reads, complaints, pings): the role rule does not apply to them. */
export function inspectorMayCall(entry: ContractEntry): boolean {
  return entry.inspector === true || !identityRequired(entry.subject);
}

const IDENTITY_ERRORS = ['IDENTITY_MISSING', 'IDENTITY_INVALID', 'IDENTITY_EXPIRED'];

/** Every code the subject may answer with: the identity refusals and the role rule's included. */
export function errorsOf(entry: ContractEntry): string[] {
  const errors = [...(entry.errors ?? [])];
  if (!inspectorMayCall(entry) && !errors.includes('ROLE_NOT_ALLOWED')) errors.push('ROLE_NOT_ALLOWED');
  if (identityRequired(entry.subject)) errors.push(...IDENTITY_ERRORS.filter((code) => !errors.includes(code)));
  return errors;
}

export interface EventEntry {
  subject: string;
  service: string;
  summary: string;
  /** Name of the `data` shape inside the event envelope. */
  data: string;
}
