import type { ContractEntry } from './catalog.js';
import { CREDIT_AUDIT_REQUESTS, CREDIT_REQUESTS, CreditEvents, CreditSubjects } from './credit/credit.subjects.js';
import { DEAD_LETTER_STREAM, EVENT_STREAM } from './events.js';
import { INSPECTION_AUDIT_REQUESTS, INSPECTION_REQUESTS, InspectionSubjects } from './inspection/inspection.subjects.js';
import { PlatformEvents } from './platform/calendar.contracts.js';
import { REGISTRY_AUDIT_REQUESTS, REGISTRY_REQUESTS, RegistrySubjects } from './registry/registry.subjects.js';
import { STAFF_AUDIT_REQUESTS, STAFF_REQUESTS } from './staff/staff.subjects.js';
import { SUBSIDY_AUDIT_REQUESTS, SUBSIDY_REQUESTS, SubsidySubjects } from './subsidy/subsidy.subjects.js';

// Who may do what on NATS, derived from the contract catalog: nats-server's authorization block
// (natsAuthorization() below) is generated from this file, so a subject added to the catalog is
// served and callable without anyone editing a permission list, and nothing outside it is.

/** Every request subject each service answers (its handlers; queue group = the service name). */
export const SERVICE_REQUESTS: Record<string, readonly ContractEntry[]> = {
  registry: [...REGISTRY_REQUESTS, ...REGISTRY_AUDIT_REQUESTS],
  staff: [...STAFF_REQUESTS, ...STAFF_AUDIT_REQUESTS],
  inspection: [...INSPECTION_REQUESTS, ...INSPECTION_AUDIT_REQUESTS],
  credit: [...CREDIT_REQUESTS, ...CREDIT_AUDIT_REQUESTS],
  subsidy: [...SUBSIDY_REQUESTS, ...SUBSIDY_AUDIT_REQUESTS],
};

/** Every request subject of the platform (what the gateway may call). */
export const ALL_REQUEST_SUBJECTS: readonly string[] = Object.values(SERVICE_REQUESTS).flat().map((e) => e.subject);

export interface NatsServiceAccess {
  /** NATS user name = service name (also its queue group and event prefix `evt.<user>.`). */
  user: string;
  /** Request subjects it answers. */
  serves: readonly string[];
  /** Request subjects it calls. */
  calls: readonly string[];
  /** Filter subjects of its durable consumers on stream EVENTS (one filter each: 2.9 has no filter_subjects). */
  follows: readonly string[];
}

/**
 * One entry per service process. `follows` must cover each durable consumer's filter subject
 * exactly as the service creates it (the server compares the consumer's filter with the one in
 * the create subject); the integration tests run every service with these permissions.
 */
export const NATS_SERVICES: readonly NatsServiceAccess[] = [
  // HTTP for people: calls every subject of every service, follows nothing, publishes the calendar event.
  { user: 'gateway', serves: [], calls: ALL_REQUEST_SUBJECTS, follows: [] },
  { user: 'registry', serves: subjectsOf('registry'), calls: [], follows: [PlatformEvents.calendarYearLoaded, CreditEvents.gradeChanged] },
  { user: 'staff', serves: subjectsOf('staff'), calls: [], follows: ['evt.registry.institution.>', 'evt.subsidy.roster.>'] },
  { user: 'inspection', serves: subjectsOf('inspection'), calls: [], follows: ['evt.registry.>', 'evt.credit.>', PlatformEvents.calendarYearLoaded] },
  { user: 'credit', serves: subjectsOf('credit'), calls: [], follows: ['evt.registry.>', 'evt.staff.>', 'evt.inspection.>', 'evt.subsidy.>'] },
  { user: 'subsidy', serves: subjectsOf('subsidy'), calls: [], follows: ['evt.registry.>', 'evt.credit.>', 'evt.inspection.>', 'evt.staff.certificate-rate.>'] },
];

function subjectsOf(service: string): string[] {
  return SERVICE_REQUESTS[service]!.map((e) => e.subject);
}

export interface DepartmentSystemAccess {
  /** NATS user `dept-<department>`. */
  user: string;
  department: string;
  /** Why this department reads what it reads. */
  purpose: string;
  /** Read-only request subjects it may call. */
  reads: readonly string[];
  /** Events it may follow (core subscription or a JetStream consumer on EVENTS with this filter). */
  follows: readonly string[];
}

/** Read subjects every department system may call: the public register, lists and results (一公开). */
const PUBLIC_READS = [
  RegistrySubjects.publicListInstitutions, RegistrySubjects.publicGetInstitution, RegistrySubjects.publicVerifyReceipt,
  InspectionSubjects.publicListChecklists, InspectionSubjects.publicListPlans, InspectionSubjects.publicGetPlan,
  InspectionSubjects.publicListInspections, InspectionSubjects.publicGetInspection, InspectionSubjects.publicListComplaints,
  CreditSubjects.publicGetGrade, CreditSubjects.publicListGrades,
];

/** What a department inspecting at joint visits reads: its lists, inspections, findings, penalties. */
const INSPECTING_READS = [
  InspectionSubjects.listChecklists, InspectionSubjects.listInspections, InspectionSubjects.getInspection, InspectionSubjects.getForm,
  InspectionSubjects.listRectifications, InspectionSubjects.getRectification, InspectionSubjects.listPenalties,
];

const inspecting = (department: string, name: string): DepartmentSystemAccess => ({
  user: `dept-${department}`,
  department,
  purpose: `${name}业务系统：读取本部门检查事项清单、联合检查结果、整改与处罚，跟随检查事件；不能登记、备案或发布事件`,
  reads: [...PUBLIC_READS, ...INSPECTING_READS],
  follows: ['evt.inspection.>'],
});

/**
 * Department systems (部门业务系统) connecting to NATS directly: read-only. None may publish an
 * event (`evt.>`), a dead letter, or call a subject that changes anything; writes go through the
 * gateway's HTTP API, where the department's accounts and scopes apply.
 */
export const DEPARTMENT_SYSTEMS: readonly DepartmentSystemAccess[] = [
  inspecting('fire', '消防救援机构'),
  inspecting('market', '市场监管部门'),
  inspecting('police', '公安机关'),
  inspecting('education', '教育部门'),
  inspecting('hrss', '人力资源社会保障部门'),
  {
    user: 'dept-health',
    department: 'health',
    purpose: '卫生健康部门业务系统：读取登记备案、检查结果与信用，跟随登记、检查、信用与补助事件',
    reads: [
      ...PUBLIC_READS, ...INSPECTING_READS,
      RegistrySubjects.listInstitutions, RegistrySubjects.getInstitution, RegistrySubjects.listFilings, RegistrySubjects.getFiling,
      CreditSubjects.getCredit, CreditSubjects.getList, SubsidySubjects.listRuns, SubsidySubjects.getRun,
    ],
    follows: ['evt.registry.>', 'evt.inspection.>', 'evt.credit.>', 'evt.subsidy.>'],
  },
  {
    user: 'dept-finance',
    department: 'finance',
    purpose: '财政部门业务系统：读取补助核算、审批与台账，跟随补助事件',
    reads: [...PUBLIC_READS, SubsidySubjects.listRuns, SubsidySubjects.getRun, SubsidySubjects.runTotals, SubsidySubjects.listLedger],
    follows: ['evt.subsidy.>'],
  },
];

/** A full-permission operator user (backups, the test harness, `nats` CLI): never given to a service. */
export const NATS_ADMIN_USER = 'admin';

/**
 * Replies come back on `_INBOX.<user>.…`: each client must connect with this inbox prefix
 * (nats.js `inboxPrefix`, Go `nats.CustomInboxPrefix`), because a user may subscribe only to its
 * own replies — `_INBOX.>` would let one client read every other client's replies.
 */
export function natsInboxPrefix(user: string): string {
  return `_INBOX.${user}`;
}

/** Environment variable holding a NATS user's password in compose / Kubernetes (`dept-fire` → NATS_PASSWORD_DEPT_FIRE). */
export function natsPasswordVariable(user: string): string {
  return `NATS_PASSWORD_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export interface NatsPermissions {
  user: string;
  publish: { allow: string[]; deny?: string[] };
  subscribe: { allow: string[] };
  /** Publish one reply to the reply subject of each request received (instead of `_INBOX.>`). */
  allowResponses: boolean;
}

const JS = '$JS.API';

/** JetStream API subjects a client following `filters` on EVENTS needs (the consumer name is free, the filter is not). */
function followerApi(filters: readonly string[]): string[] {
  if (filters.length === 0) return [];
  return [
    `${JS}.STREAM.INFO.${EVENT_STREAM}`,
    // nats-server ≥ 2.9 (and nats.js v3) create a consumer on $JS.API.CONSUMER.CREATE.<stream>.<name>.<filter>
    // and refuse a config whose filter differs from the subject's: the filter is what the permission restricts.
    ...filters.map((f) => `${JS}.CONSUMER.CREATE.${EVENT_STREAM}.*.${f}`),
    `${JS}.CONSUMER.INFO.${EVENT_STREAM}.*`,
    `${JS}.CONSUMER.MSG.NEXT.${EVENT_STREAM}.*`,
    `$JS.ACK.${EVENT_STREAM}.>`,
  ];
}

/** The permissions of every service and department system, from the catalog above. */
export function natsPermissions(): NatsPermissions[] {
  const services = NATS_SERVICES.map((s): NatsPermissions => ({
    user: s.user,
    publish: {
      allow: unique([
        ...s.calls,
        // its own ping, for the container health check that runs with the service's credentials
        ...(s.serves.length ? [`${s.user}.health.ping`] : []),
        `evt.${s.user}.>`,
        'dlq.*',
        `${JS}.INFO`,
        // every service makes sure the streams exist (event-streams.ts): no delete, purge or message removal
        ...[EVENT_STREAM, DEAD_LETTER_STREAM].flatMap((stream) => ['INFO', 'CREATE', 'UPDATE'].map((op) => `${JS}.STREAM.${op}.${stream}`)),
        ...followerApi(s.follows),
      ]),
    },
    subscribe: { allow: unique([...s.serves, `${natsInboxPrefix(s.user)}.>`]) },
    allowResponses: s.serves.length > 0,
  }));
  const departments = DEPARTMENT_SYSTEMS.map((d): NatsPermissions => ({
    user: d.user,
    publish: {
      allow: unique([...d.reads, `${JS}.INFO`, ...followerApi(d.follows)]),
      deny: ['evt.>', 'dlq.>', `${JS}.STREAM.CREATE.>`, `${JS}.STREAM.UPDATE.>`, `${JS}.STREAM.DELETE.>`, `${JS}.STREAM.PURGE.>`],
    },
    subscribe: { allow: unique([...d.follows, `${natsInboxPrefix(d.user)}.>`]) },
    allowResponses: false,
  }));
  return [...services, ...departments];
}

export interface NatsAuthorizationOptions {
  /**
   * The password value of each user as written in the config: a quoted literal (the local stack
   * and tests write their own file) or `$NATS_PASSWORD_<USER>` (compose, Kubernetes: the server
   * reads the environment). Default: the environment variable.
   */
  password?: (user: string) => string;
  /** Add the full-permission `admin` user (operators, backups, the test harness). Default true. */
  admin?: boolean;
  /** Connections without credentials act as this user (the test harness only; never in a deployment). */
  noAuthUser?: string;
}

/** A quoted literal for a config file (JSON string syntax is valid nats-server config). */
export const literalPassword = (password: string) => JSON.stringify(password);

/** nats-server's `authorization { … }` block (and `no_auth_user` when asked): every service, department system and the admin user. */
export function natsAuthorization(options: NatsAuthorizationOptions = {}): string {
  const password = options.password ?? ((user: string) => `$${natsPasswordVariable(user)}`);
  // Short lists on one line, long ones one subject per line (a reviewer reads the diff).
  const list = (subjects: string[]) => {
    const quoted = subjects.map((s) => JSON.stringify(s));
    const line = `[${quoted.join(', ')}]`;
    return line.length <= 100 ? line : `[\n${quoted.map((q) => `          ${q}`).join(',\n')}\n        ]`;
  };
  const lines: string[] = [];
  // A top-level setting (not inside the block) in nats-server's config.
  if (options.noAuthUser) lines.push(`no_auth_user: ${JSON.stringify(options.noAuthUser)}`);
  lines.push('authorization {', '  users: [');
  for (const p of natsPermissions()) {
    lines.push(`    { user: ${JSON.stringify(p.user)}, password: ${password(p.user)}, permissions: {`);
    lines.push(`        publish: { allow: ${list(p.publish.allow)}${p.publish.deny ? `, deny: ${list(p.publish.deny)}` : ''} }`);
    lines.push(`        subscribe: { allow: ${list(p.subscribe.allow)} }`);
    if (p.allowResponses) lines.push('        allow_responses: true');
    lines.push('    } }');
  }
  if (options.admin ?? true) lines.push(`    { user: ${JSON.stringify(NATS_ADMIN_USER)}, password: ${password(NATS_ADMIN_USER)} }`);
  lines.push('  ]', '}');
  return `${lines.join('\n')}\n`;
}

/** Every user the authorization block defines (services, department systems, admin). */
export function natsUsers(): string[] {
  return [...NATS_SERVICES.map((s) => s.user), ...DEPARTMENT_SYSTEMS.map((d) => d.user), NATS_ADMIN_USER];
}

function unique(subjects: string[]): string[] {
  return [...new Set(subjects)];
}
