import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CREDIT_EVENTS, CreditEvents, CreditSubjects } from './credit/credit.subjects.js';
import { INSPECTION_EVENTS, InspectionSubjects } from './inspection/inspection.subjects.js';
import {
  ALL_REQUEST_SUBJECTS, DEPARTMENT_SYSTEMS, literalPassword, NATS_SERVICES, natsAuthorization, natsPasswordVariable, natsPermissions,
  natsUsers, SERVICE_REQUESTS, type NatsPermissions,
} from './nats-access.js';
import { PlatformEvents } from './platform/calendar.contracts.js';
import { REGISTRY_EVENTS, RegistrySubjects } from './registry/registry.subjects.js';
import { STAFF_EVENTS, StaffSubjects } from './staff/staff.subjects.js';
import { SUBSIDY_EVENTS, SubsidySubjects } from './subsidy/subsidy.subjects.js';

/** NATS subject matching (`*` one token, `>` the rest), as nats-server applies a permission. */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

const permissionsOf = (user: string): NatsPermissions => {
  const found = natsPermissions().find((p) => p.user === user);
  if (!found) throw new Error(`no user ${user}`);
  return found;
};
const canPublish = (user: string, subject: string) => {
  const p = permissionsOf(user).publish;
  return p.allow.some((a) => matches(a, subject)) && !(p.deny ?? []).some((d) => matches(d, subject));
};
const canSubscribe = (user: string, subject: string) => permissionsOf(user).subscribe.allow.some((a) => matches(a, subject));

const SUBJECT_CONSTANTS: Record<string, Record<string, string>> = {
  registry: RegistrySubjects, staff: StaffSubjects, inspection: InspectionSubjects, credit: CreditSubjects, subsidy: SubsidySubjects,
};
const ALL_EVENTS = [...REGISTRY_EVENTS, ...STAFF_EVENTS, ...INSPECTION_EVENTS, ...CREDIT_EVENTS, ...SUBSIDY_EVENTS].map((e) => e.subject);
const READ_VERBS = new Set(['get', 'list', 'form', 'verify', 'notice', 'totals', 'lines', 'alerts', 'overdue', 'institution', 'division']);

describe('NATS permissions generated from the contract catalog', () => {
  it('covers every subject constant: each one has a catalog entry, so its service may answer it', () => {
    for (const [service, subjects] of Object.entries(SUBJECT_CONSTANTS)) {
      const served = SERVICE_REQUESTS[service]!.map((e) => e.subject);
      for (const subject of Object.values(subjects)) expect(served, `${subject} has no catalog entry`).toContain(subject);
    }
  });

  it('lets each service answer exactly its own subjects, and reply only to requests it received', () => {
    for (const service of Object.keys(SERVICE_REQUESTS)) {
      const p = permissionsOf(service);
      for (const entry of SERVICE_REQUESTS[service]!) {
        expect(entry.subject.startsWith(`${service}.`)).toBe(true);
        expect(canSubscribe(service, entry.subject)).toBe(true);
      }
      for (const other of Object.keys(SERVICE_REQUESTS).filter((s) => s !== service)) {
        expect(canSubscribe(service, SERVICE_REQUESTS[other]![0]!.subject)).toBe(false);
      }
      expect(p.allowResponses).toBe(true);
      expect(canPublish(service, '_INBOX.gateway.abc.1')).toBe(false); // replies go through allow_responses only
      expect(canSubscribe(service, '_INBOX.gateway.abc.1')).toBe(false);
      expect(canSubscribe(service, `_INBOX.${service}.abc.1`)).toBe(true);
    }
  });

  it('lets a service publish its own events and dead letters, never another service\'s events', () => {
    for (const event of ALL_EVENTS) {
      const owner = event.split('.')[1]!;
      for (const { user } of NATS_SERVICES) expect(canPublish(user, event), `${user} → ${event}`).toBe(user === owner);
    }
    expect(canPublish('gateway', PlatformEvents.calendarYearLoaded)).toBe(true);
    expect(canPublish('registry', PlatformEvents.calendarYearLoaded)).toBe(false);
    expect(canPublish('credit', 'dlq.credit-registry-events')).toBe(true);
  });

  it('lets the gateway call every catalog subject and no service call another (none does today)', () => {
    for (const subject of ALL_REQUEST_SUBJECTS) expect(canPublish('gateway', subject)).toBe(true);
    expect(canPublish('gateway', 'registry.not-in-the-catalog')).toBe(false);
    expect(canPublish('registry', StaffSubjects.listStaff)).toBe(false);
    expect(canPublish('registry', RegistrySubjects.ping)).toBe(true); // its own container health check
    expect(canPublish('registry', RegistrySubjects.registerInstitution)).toBe(false);
  });

  it('grants JetStream consumers only on the event filters a service follows', () => {
    const create = (name: string, filter: string) => `$JS.API.CONSUMER.CREATE.EVENTS.${name}.${filter}`;
    expect(canPublish('staff', create('staff-registry-institutions', 'evt.registry.institution.>'))).toBe(true);
    expect(canPublish('staff', create('x', 'evt.registry.>'))).toBe(false); // wider than it follows
    expect(canPublish('staff', create('x', 'evt.credit.>'))).toBe(false);
    expect(canPublish('registry', create('registry-credit-grades', CreditEvents.gradeChanged))).toBe(true);
    expect(canPublish('gateway', create('x', 'evt.registry.>'))).toBe(false);
    for (const user of natsPermissions().map((p) => p.user)) {
      expect(canPublish(user, '$JS.API.STREAM.DELETE.EVENTS')).toBe(false);
      expect(canPublish(user, '$JS.API.STREAM.PURGE.EVENTS')).toBe(false);
      expect(canPublish(user, '$JS.API.STREAM.MSG.DELETE.EVENTS')).toBe(false);
    }
  });

  it('keeps department systems read-only: the fire department reads its items and inspection events, writes nothing', () => {
    expect(canPublish('dept-fire', InspectionSubjects.listChecklists)).toBe(true);
    expect(canPublish('dept-fire', InspectionSubjects.publicListChecklists)).toBe(true);
    expect(canSubscribe('dept-fire', 'evt.inspection.finding.recorded.v1')).toBe(true);
    expect(canPublish('dept-fire', '$JS.API.CONSUMER.CREATE.EVENTS.fire-1.evt.inspection.>')).toBe(true);
    expect(canPublish('dept-fire', RegistrySubjects.registerInstitution)).toBe(false);
    expect(canPublish('dept-fire', 'evt.registry.institution.registered.v1')).toBe(false);
    expect(canPublish('dept-fire', 'evt.inspection.finding.recorded.v1')).toBe(false);
    expect(canSubscribe('dept-fire', 'registry.institution.register')).toBe(false);
    expect(canSubscribe('dept-fire', 'evt.registry.institution.registered.v1')).toBe(false);
    for (const dept of DEPARTMENT_SYSTEMS) {
      const p = permissionsOf(dept.user);
      expect(p.allowResponses).toBe(false);
      for (const subject of dept.reads) {
        expect(ALL_REQUEST_SUBJECTS, `${dept.user} reads ${subject}`).toContain(subject);
        expect(READ_VERBS.has(subject.split('.').at(-1)!), `${subject} is not a read`).toBe(true);
      }
      for (const event of ALL_EVENTS) expect(canPublish(dept.user, event)).toBe(false);
      expect(canPublish(dept.user, 'dlq.x')).toBe(false);
      expect(canSubscribe(dept.user, '_INBOX.gateway.x')).toBe(false);
    }
  });

  it('writes an authorization block with every user once, passwords from the environment unless given', () => {
    const block = natsAuthorization();
    for (const user of natsUsers()) {
      expect(block.match(new RegExp(`user: "${user}",`, 'g'))?.length, user).toBe(1);
      expect(block).toContain(`password: $${natsPasswordVariable(user)}`);
    }
    expect(natsPasswordVariable('dept-fire')).toBe('NATS_PASSWORD_DEPT_FIRE');
    expect(block).not.toContain('no_auth_user');
    expect(block.startsWith('authorization {')).toBe(true);
    const literal = natsAuthorization({ password: (u) => literalPassword(`pw-${u}`), noAuthUser: 'admin' });
    expect(literal).toContain('password: "pw-registry"');
    expect(literal.split('\n')[0]).toBe('no_auth_user: "admin"');
    // Balanced braces and brackets: the server parses what we generate.
    expect(literal.split('{').length).toBe(literal.split('}').length);
    expect(literal.split('[').length).toBe(literal.split(']').length);
  });
});
