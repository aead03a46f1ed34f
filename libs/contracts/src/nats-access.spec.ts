import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { CREDIT_EVENTS, CreditEvents, CreditSubjects } from './credit/credit.catalog.js';
import { INSPECTION_EVENTS, InspectionSubjects } from './inspection/inspection.catalog.js';
import {
  ALL_REQUEST_SUBJECTS,
  DEPARTMENT_SYSTEMS,
  departmentConsumers,
  literalPassword,
  NATS_SERVICES,
  natsAuthorization,
  natsPasswordVariable,
  natsPermissions,
  natsUsers,
  SERVICE_REQUESTS,
  serviceConsumer,
  type NatsPermissions,
} from './nats-access.js';
import { PlatformEvents } from './platform/calendar.contracts.js';
import { REGISTRY_EVENTS, RegistrySubjects } from './registry/registry.catalog.js';
import { STAFF_EVENTS, StaffSubjects } from './staff/staff.catalog.js';
import { SUBSIDY_EVENTS, SubsidySubjects } from './subsidy/subsidy.catalog.js';

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
  registry: RegistrySubjects,
  staff: StaffSubjects,
  inspection: InspectionSubjects,
  credit: CreditSubjects,
  subsidy: SubsidySubjects,
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

  it("lets a service publish its own events and dead letters, never another service's events", () => {
    for (const event of ALL_EVENTS) {
      const owner = event.split('.')[1]!;
      for (const { user } of NATS_SERVICES) expect(canPublish(user, event), `${user} → ${event}`).toBe(user === owner);
    }
    expect(canPublish('gateway', PlatformEvents.calendarYearLoaded)).toBe(true);
    expect(canPublish('registry', PlatformEvents.calendarYearLoaded)).toBe(false);
    expect(canPublish('credit', 'dlq.credit-registry-events')).toBe(true);
  });

  it('lets every gateway replica hear logouts as they are published, and no one else', () => {
    expect(canSubscribe('gateway', PlatformEvents.tokenRevoked)).toBe(true);
    expect(canSubscribe('gateway', PlatformEvents.calendarYearLoaded)).toBe(false);
    for (const { user } of natsPermissions().filter((p) => p.user !== 'gateway')) expect(canSubscribe(user, PlatformEvents.tokenRevoked), user).toBe(false);
  });

  it('lets the gateway call every catalog subject and no service call another (none does today)', () => {
    for (const subject of ALL_REQUEST_SUBJECTS) expect(canPublish('gateway', subject)).toBe(true);
    expect(canPublish('gateway', 'registry.not-in-the-catalog')).toBe(false);
    expect(canPublish('registry', StaffSubjects.listStaff)).toBe(false);
    expect(canPublish('registry', RegistrySubjects.ping)).toBe(true); // its own container health check
    expect(canPublish('registry', RegistrySubjects.registerInstitution)).toBe(false);
  });

  it('grants each service its own durable consumers only, by exact name and filter', () => {
    const api = (op: string, name: string) => `$JS.API.CONSUMER.${op}.EVENTS.${name}`;
    const create = (name: string, filter: string) => api('CREATE', `${name}.${filter}`);
    expect(canPublish('staff', create('staff-registry-institutions', 'evt.registry.institution.>'))).toBe(true);
    expect(canPublish('staff', create('staff-registry-institutions', 'evt.registry.>'))).toBe(false); // wider than it follows
    expect(canPublish('staff', create('staff-x', 'evt.registry.institution.>'))).toBe(false); // a name not in the catalog
    expect(canPublish('staff', create('credit-registry-events', 'evt.registry.>'))).toBe(false); // another service's
    expect(canPublish('registry', create('registry-credit-grades', CreditEvents.gradeChanged))).toBe(true);
    for (const op of ['INFO', 'MSG.NEXT']) {
      expect(canPublish('staff', api(op, 'staff-subsidy-rosters')), op).toBe(true);
      expect(canPublish('staff', api(op, 'credit-staff-events')), op).toBe(false);
      expect(canPublish('staff', api(op, 'dept-fire-inspection')), op).toBe(false);
    }
    expect(canPublish('staff', '$JS.ACK.EVENTS.staff-subsidy-rosters.1.2.3.4.5')).toBe(true);
    expect(canPublish('staff', '$JS.ACK.EVENTS.credit-staff-events.1.2.3.4.5')).toBe(false);
    expect(canPublish('gateway', create('x', 'evt.registry.>'))).toBe(false);
    for (const { user } of natsPermissions()) {
      for (const denied of [
        'STREAM.DELETE.EVENTS',
        'STREAM.PURGE.EVENTS',
        'STREAM.MSG.DELETE.EVENTS',
        'CONSUMER.DELETE.EVENTS.x',
        'CONSUMER.CREATE.EVENTS',
        'CONSUMER.DURABLE.CREATE.EVENTS.x',
        'CONSUMER.LIST.EVENTS',
        'CONSUMER.NAMES.EVENTS',
      ]) {
        expect(canPublish(user, `$JS.API.${denied}`), `${user} ${denied}`).toBe(false);
      }
    }
  });

  it('names every catalog consumer as a service creates it, and refuses one the catalog does not list', () => {
    expect(serviceConsumer('credit', 'registry-events')).toEqual({ name: 'credit-registry-events', filterSubject: 'evt.registry.>' });
    expect(serviceConsumer('subsidy', 'staff', 'subsidy_t1')).toEqual({ name: 'subsidy_t1-staff', filterSubject: 'evt.staff.certificate-rate.>' });
    expect(() => serviceConsumer('staff', 'credit-events')).toThrow(/no consumer "credit-events"/);
    for (const schema of ['*', 'a.b', 'a>', '']) expect(() => serviceConsumer('staff', 'subsidy-rosters', schema), schema).toThrow(/cannot name/);
    expect(NATS_SERVICES.flatMap((s) => s.consumers)).toHaveLength(15);
  });

  it("uses the schema names it is given, or (the test harness's shared broker) any name for services but never for department systems", () => {
    const withSchema = natsPermissions({ serviceSchemas: { staff: 'staff_a1' } });
    const staff = withSchema.find((p) => p.user === 'staff')!.publish.allow;
    expect(staff).toContain('$JS.API.CONSUMER.CREATE.EVENTS.staff_a1-subsidy-rosters.evt.subsidy.roster.>');
    expect(staff).not.toContain('$JS.API.CONSUMER.INFO.EVENTS.staff-subsidy-rosters');
    expect(withSchema.find((p) => p.user === 'credit')!.publish.allow).toContain('$JS.API.CONSUMER.INFO.EVENTS.credit-registry-events');
    const any = natsPermissions({ serviceSchemas: 'any' });
    const anyStaff = any.find((p) => p.user === 'staff')!.publish.allow;
    expect(anyStaff).toEqual(
      expect.arrayContaining(['$JS.API.CONSUMER.CREATE.EVENTS.*.evt.subsidy.roster.>', '$JS.API.CONSUMER.INFO.EVENTS.*', '$JS.ACK.EVENTS.*.>']),
    );
    expect(anyStaff.filter((s) => s.startsWith('$JS.API.CONSUMER.CREATE.'))).toHaveLength(2); // filters stay exact
    for (const dept of DEPARTMENT_SYSTEMS) {
      expect(
        any.find((p) => p.user === dept.user),
        dept.user,
      ).toEqual(natsPermissions().find((p) => p.user === dept.user));
    }
    expect(natsAuthorization({ serviceSchemas: 'any' })).toContain('"$JS.API.CONSUMER.INFO.EVENTS.*"');
    expect(natsAuthorization()).not.toContain('"$JS.API.CONSUMER.INFO.EVENTS.*"');
  });

  it('lets a department system only read, pull from and ack the durables provisioned for it; the gateway provisions them', () => {
    const api = (op: string, name: string) => `$JS.API.CONSUMER.${op}.EVENTS.${name}`;
    expect(departmentConsumers().filter((c) => c.user === 'dept-fire')).toEqual([
      { user: 'dept-fire', name: 'dept-fire-inspection', filterSubject: 'evt.inspection.>' },
    ]);
    expect(
      departmentConsumers()
        .filter((c) => c.user === 'dept-health')
        .map((c) => c.name),
    ).toEqual(['dept-health-registry', 'dept-health-inspection', 'dept-health-credit', 'dept-health-subsidy']);
    expect(canPublish('dept-fire', api('INFO', 'dept-fire-inspection'))).toBe(true);
    expect(canPublish('dept-fire', api('MSG.NEXT', 'dept-fire-inspection'))).toBe(true);
    expect(canPublish('dept-fire', '$JS.ACK.EVENTS.dept-fire-inspection.1.20.3.1700000000000000000.0')).toBe(true);
    expect(canPublish('dept-fire', '$JS.API.STREAM.INFO.EVENTS')).toBe(true);
    expect(canPublish('dept-fire', '$JS.API.INFO')).toBe(true);
    for (const name of ['dept-market-inspection', 'dept-health-inspection', 'staff-registry-institutions', 'registry-calendar', 'dept-fire-inspections', '*']) {
      for (const op of ['INFO', 'MSG.NEXT', 'DELETE']) expect(canPublish('dept-fire', api(op, name)), `${op} ${name}`).toBe(false);
      expect(canPublish('dept-fire', `$JS.ACK.EVENTS.${name}.1.2.3.4.5`), `ACK ${name}`).toBe(false);
    }
    for (const dept of DEPARTMENT_SYSTEMS) {
      const own = departmentConsumers().filter((c) => c.user === dept.user);
      expect(own.length, dept.user).toBeGreaterThan(0);
      for (const c of own) {
        expect(canPublish(dept.user, api('MSG.NEXT', c.name))).toBe(true);
        expect(canPublish(dept.user, api('CREATE', `${c.name}.${c.filterSubject}`))).toBe(false);
        expect(canPublish(dept.user, api('DURABLE.CREATE', c.name))).toBe(false);
        expect(canPublish(dept.user, api('DELETE', c.name))).toBe(false);
        expect(canPublish('gateway', api('CREATE', `${c.name}.${c.filterSubject}`))).toBe(true);
        expect(canPublish('gateway', api('INFO', c.name))).toBe(true);
        expect(canPublish('gateway', api('MSG.NEXT', c.name))).toBe(false);
        expect(canPublish('gateway', api('DELETE', c.name))).toBe(false);
        expect(canPublish('gateway', api('CREATE', `${c.name}.evt.>`))).toBe(false);
      }
      expect(canPublish(dept.user, '$JS.API.CONSUMER.CREATE.EVENTS')).toBe(false); // an ephemeral consumer
    }
  });

  it('keeps department systems read-only: the fire department reads its items and inspection events, writes nothing', () => {
    expect(canPublish('dept-fire', InspectionSubjects.listChecklists)).toBe(true);
    expect(canPublish('dept-fire', InspectionSubjects.publicListChecklists)).toBe(true);
    expect(canSubscribe('dept-fire', 'evt.inspection.finding.recorded.v1')).toBe(true);
    expect(canPublish('dept-fire', '$JS.API.CONSUMER.CREATE.EVENTS.fire-1.evt.inspection.>')).toBe(false);
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
