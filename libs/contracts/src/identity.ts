import { InspectionSubjects } from './inspection/inspection.catalog.js';

/**
 * Subjects a permitted NATS user may call without an identity token (header `shanyu-identity`):
 * the public register and results (一公开, `*.public.*`), a complaint from the public (投诉举报) and
 * the health pings. Every other subject refuses a request whose token is missing, forged or
 * expired, whether or not its handler reads who acts.
 */
export function identityRequired(subject: string): boolean {
  return !(subject.includes('.public.') || subject.endsWith('.health.ping') || subject === InspectionSubjects.fileComplaint);
}
