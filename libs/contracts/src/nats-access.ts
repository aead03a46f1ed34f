import type { ContractEntry } from './catalog.js';
import { CREDIT_REQUESTS, CreditEvents, CreditSubjects } from './credit/credit.catalog.js';
import { DEAD_LETTER_STREAM, EVENT_STREAM } from './events.js';
import { INSPECTION_REQUESTS, InspectionSubjects } from './inspection/inspection.catalog.js';
import { PlatformEvents } from './platform/calendar.contracts.js';
import { REGISTRY_REQUESTS, RegistrySubjects } from './registry/registry.catalog.js';
import { STAFF_REQUESTS } from './staff/staff.catalog.js';
import { SUBSIDY_REQUESTS, SubsidySubjects } from './subsidy/subsidy.catalog.js';

// Who may do what on NATS, derived from the contract catalog: nats-server's authorization block
// (natsAuthorization() below) is generated from this file, so a subject added to the catalog is
// served and callable without anyone editing a permission list, and nothing outside it is.

/** Every request subject each service answers (its handlers; queue group = the service name). */
export const SERVICE_REQUESTS: Record<string, readonly ContractEntry[]> = {
  registry: REGISTRY_REQUESTS,
  staff: STAFF_REQUESTS,
  inspection: INSPECTION_REQUESTS,
  credit: CREDIT_REQUESTS,
  subsidy: SUBSIDY_REQUESTS,
};

/** Every request subject of the platform (what the gateway may call). */
export const ALL_REQUEST_SUBJECTS: readonly string[] = Object.values(SERVICE_REQUESTS)
  .flat()
  .map((e) => e.subject);

/** A durable pull consumer on stream EVENTS: what it is for (the end of its name) and its one filter subject (2.9 has no filter_subjects). */
export interface NatsConsumer {
  purpose: string;
  filter: string;
}

export interface NatsServiceAccess {
  /** NATS user name = service name (also its queue group and event prefix `evt.<user>.`). */
  user: string;
  /** Request subjects it answers. */
  serves: readonly string[];
  /** Request subjects it calls. */
  calls: readonly string[];
  /** Its durable consumers, named `<schema>-<purpose>` (serviceConsumer()). */
  consumers: readonly NatsConsumer[];
  /** Event subjects every replica of it receives as they are published: a core subscription, no queue group, no consumer. */
  listens?: readonly string[];
}

/**
 * One entry per service process. Each service creates its durable consumers from this list
 * (serviceConsumer()), so the names and filters the permissions allow are the ones it uses.
 */
export const NATS_SERVICES: readonly NatsServiceAccess[] = [
  // HTTP for people: calls every subject of every service, publishes the calendar event (and provisions the
  // department systems' consumers, below); each replica hears every logout to refuse the token too.
  { user: 'gateway', serves: [], calls: ALL_REQUEST_SUBJECTS, consumers: [], listens: [PlatformEvents.tokenRevoked] },
  {
    user: 'registry',
    serves: subjectsOf('registry'),
    calls: [],
    consumers: [
      { purpose: 'calendar', filter: PlatformEvents.calendarYearLoaded },
      { purpose: 'credit-grades', filter: CreditEvents.gradeChanged },
    ],
  },
  {
    user: 'staff',
    serves: subjectsOf('staff'),
    calls: [],
    consumers: [
      { purpose: 'registry-institutions', filter: 'evt.registry.institution.>' },
      { purpose: 'subsidy-rosters', filter: 'evt.subsidy.roster.>' },
    ],
  },
  {
    user: 'inspection',
    serves: subjectsOf('inspection'),
    calls: [],
    consumers: [
      { purpose: 'registry', filter: 'evt.registry.>' },
      { purpose: 'credit', filter: 'evt.credit.>' },
      { purpose: 'calendar', filter: PlatformEvents.calendarYearLoaded },
    ],
  },
  {
    user: 'credit',
    serves: subjectsOf('credit'),
    calls: [],
    consumers: ['registry', 'staff', 'inspection', 'subsidy'].map((source) => ({ purpose: `${source}-events`, filter: `evt.${source}.>` })),
  },
  {
    user: 'subsidy',
    serves: subjectsOf('subsidy'),
    calls: [],
    consumers: [
      { purpose: 'registry', filter: 'evt.registry.>' },
      { purpose: 'credit', filter: 'evt.credit.>' },
      { purpose: 'inspection', filter: 'evt.inspection.>' },
      // Only the 持证率 events: the staff service's other events carry names and masked ID numbers.
      { purpose: 'staff', filter: 'evt.staff.certificate-rate.>' },
    ],
  },
];

/**
 * A service's durable consumer as the catalog lists it: name `<schema>-<purpose>` (the schema
 * keeps deployments, and test stacks, that share a broker apart) and its filter. Throws for a
 * consumer the catalog does not list: the server would refuse it.
 */
export function serviceConsumer(service: string, purpose: string, schema: string = service): { name: string; filterSubject: string } {
  const found = NATS_SERVICES.find((s) => s.user === service)?.consumers.find((c) => c.purpose === purpose);
  if (!found) throw new Error(`${service} has no consumer "${purpose}" in the NATS catalog (libs/contracts/src/nats-access.ts)`);
  // The name is a subject token in the permissions: a '*', '>' or '.' in it would widen them.
  if (!/^[A-Za-z0-9_-]+$/.test(schema)) throw new Error(`schema "${schema}" cannot name a NATS consumer: letters, digits, '_' and '-' only`);
  return { name: `${schema}-${purpose}`, filterSubject: found.filter };
}

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
  /**
   * Events it follows: a core subscription to each filter, or its durable pull consumer
   * `<user>-<purpose>` on EVENTS, which the platform provisions (the gateway, at each start).
   */
  consumers: readonly NatsConsumer[];
}

/** Read subjects every department system may call: the public register, lists and results (一公开). */
const PUBLIC_READS = [
  RegistrySubjects.publicListInstitutions,
  RegistrySubjects.publicGetInstitution,
  RegistrySubjects.publicVerifyReceipt,
  InspectionSubjects.publicListChecklists,
  InspectionSubjects.publicListPlans,
  InspectionSubjects.publicGetPlan,
  InspectionSubjects.publicListInspections,
  InspectionSubjects.publicGetInspection,
  InspectionSubjects.publicListComplaints,
  CreditSubjects.publicGetGrade,
  CreditSubjects.publicListGrades,
];

/** What a department inspecting at joint visits reads: its lists, inspections, findings, penalties. */
const INSPECTING_READS = [
  InspectionSubjects.listChecklists,
  InspectionSubjects.listInspections,
  InspectionSubjects.getInspection,
  InspectionSubjects.getForm,
  InspectionSubjects.listRectifications,
  InspectionSubjects.getRectification,
  InspectionSubjects.listPenalties,
];

/** All events of one service: consumer `<user>-<service>` filtered to `evt.<service>.>`. */
const followed = (service: string): NatsConsumer => ({ purpose: service, filter: `evt.${service}.>` });

const inspecting = (department: string, name: string): DepartmentSystemAccess => ({
  user: `dept-${department}`,
  department,
  purpose: `${name}业务系统：读取本部门检查事项清单、联合检查结果、整改与处罚，跟随检查事件；不能登记、备案或发布事件`,
  reads: [...PUBLIC_READS, ...INSPECTING_READS],
  consumers: [followed('inspection')],
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
      ...PUBLIC_READS,
      ...INSPECTING_READS,
      RegistrySubjects.listInstitutions,
      RegistrySubjects.getInstitution,
      RegistrySubjects.listFilings,
      RegistrySubjects.getFiling,
      CreditSubjects.getCredit,
      CreditSubjects.getList,
      SubsidySubjects.listRuns,
      SubsidySubjects.getRun,
    ],
    consumers: ['registry', 'inspection', 'credit', 'subsidy'].map(followed),
  },
  {
    user: 'dept-finance',
    department: 'finance',
    purpose: '财政部门业务系统：读取补助核算、审批与台账，跟随补助事件',
    reads: [...PUBLIC_READS, SubsidySubjects.listRuns, SubsidySubjects.getRun, SubsidySubjects.runTotals, SubsidySubjects.listLedger],
    consumers: [followed('subsidy')],
  },
];

/** The durable consumers the platform provisions for department systems: `<user>-<purpose>`, e.g. `dept-fire-inspection`. */
export function departmentConsumers(): { user: string; name: string; filterSubject: string }[] {
  return DEPARTMENT_SYSTEMS.flatMap((d) => d.consumers.map((c) => ({ user: d.user, name: `${d.user}-${c.purpose}`, filterSubject: c.filter })));
}

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

/**
 * The database schema each service's consumer names carry (serviceConsumer()); a service not
 * named uses its own name, as docker-compose, deploy/k8s and `npm start` do (the *_DB_SCHEMA
 * defaults). `'any'`: service users may use any consumer name (filters stay exact) — only for the
 * integration tests' shared broker, where every test stack has a schema of its own. Department
 * systems keep their exact consumer names either way.
 */
export type NatsServiceSchemas = Readonly<Record<string, string>> | 'any';

/**
 * Using existing durable pull consumers on EVENTS by exact name: their config, pulling (the
 * messages come to the client's own inbox) and acking. Consumer names are one token, so each is
 * listed; no other consumer can be read, pulled from or acked.
 */
function pullApi(names: readonly string[]): string[] {
  if (names.length === 0) return [];
  return [
    `${JS}.STREAM.INFO.${EVENT_STREAM}`,
    ...names.flatMap((name) => [
      `${JS}.CONSUMER.INFO.${EVENT_STREAM}.${name}`,
      `${JS}.CONSUMER.MSG.NEXT.${EVENT_STREAM}.${name}`,
      `$JS.ACK.${EVENT_STREAM}.${name}.>`,
    ]),
  ];
}

/**
 * Creating or updating a consumer: nats-server ≥ 2.9 (and nats.js v3) do it on
 * $JS.API.CONSUMER.CREATE.<stream>.<name>.<filter> and refuse a config whose name or filter
 * differs from the subject's, so the permission fixes both. (The rest of the config — push
 * delivery, ack settings — is in the body, which permissions cannot see: only the platform's own
 * users are given these subjects.)
 */
function createApi(consumers: readonly { name: string; filterSubject: string }[]): string[] {
  return consumers.map((c) => `${JS}.CONSUMER.CREATE.${EVENT_STREAM}.${c.name}.${c.filterSubject}`);
}

/** The permissions of every service and department system, from the catalog above. */
export function natsPermissions(options: { serviceSchemas?: NatsServiceSchemas } = {}): NatsPermissions[] {
  const schemas = options.serviceSchemas ?? {};
  const departmentDurables = departmentConsumers();
  const services = NATS_SERVICES.map((s): NatsPermissions => {
    const consumers = s.consumers.map((c) =>
      schemas === 'any' ? { name: '*', filterSubject: c.filter } : serviceConsumer(s.user, c.purpose, schemas[s.user] ?? s.user),
    );
    // The gateway provisions the department systems' consumers (and only reads their config).
    const provisions = s.user === 'gateway' ? departmentDurables : [];
    return {
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
          ...createApi(consumers),
          ...pullApi(consumers.map((c) => c.name)),
          ...createApi(provisions),
          ...provisions.map((c) => `${JS}.CONSUMER.INFO.${EVENT_STREAM}.${c.name}`),
        ]),
      },
      subscribe: { allow: unique([...s.serves, ...(s.listens ?? []), `${natsInboxPrefix(s.user)}.>`]) },
      allowResponses: s.serves.length > 0,
    };
  });
  const departments = DEPARTMENT_SYSTEMS.map((d): NatsPermissions => ({
    user: d.user,
    publish: {
      allow: unique([...d.reads, `${JS}.INFO`, ...pullApi(departmentDurables.filter((c) => c.user === d.user).map((c) => c.name))]),
      // Never granted above; denied as well so that a broader allow added later cannot grant them.
      deny: [
        'evt.>',
        'dlq.>',
        ...['CREATE', 'UPDATE', 'DELETE', 'PURGE'].map((op) => `${JS}.STREAM.${op}.>`),
        ...['CONSUMER.CREATE', 'CONSUMER.DURABLE.CREATE', 'CONSUMER.DELETE'].map((op) => `${JS}.${op}.>`),
      ],
    },
    subscribe: { allow: unique([...d.consumers.map((c) => c.filter), `${natsInboxPrefix(d.user)}.>`]) },
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
  /** The services' schema names their consumer names carry (default: each service's name); see NatsServiceSchemas. */
  serviceSchemas?: NatsServiceSchemas;
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
  for (const p of natsPermissions({ serviceSchemas: options.serviceSchemas })) {
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
