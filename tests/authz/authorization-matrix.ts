// The authorization matrix (issue 9 §3) kept as data: for every /api/v1 route (and the public
// documents), who gets what. authorization-matrix.e2e-spec.ts exercises every cell through the
// gateway with the demo accounts, and fails when a route in the OpenAPI document has no row here
// (or a row names a route that no longer exists) — so a new route cannot ship without its row.
//
// Reading a row
// -------------
// `cells` has one entry per caller: the eleven departments (each a demo account, see ACCOUNTS),
// `inspector` (fire.inspector1, role inspector), `client` (an API client, role system) and
// `anonymous` (no token); rows may leave out the client (see `complete`), never the inspector. A route
// whose targets live in a division has two outcomes per caller, written `own|other`:
//   own   — the target is inside the caller's divisions (an institution in 三墩镇 330106109,
//           which every 西湖区 330106 account and street.330106109 covers); for `operator`: an
//           institution that operator.demo registered itself;
//   other — the target is in another district (环翠区 371002, 威海), registered by someone else.
// A route without a division dimension has one outcome.
//
// Outcomes
//   '200' '201' '202' '204'  success with that status; '404' not found (an operator asking for what it did not upload)
//   '200+' / '200-'    a list answered 200 that does (+) / does not (-) contain the target
//   'DEPT'             403 DEPARTMENT_NOT_ALLOWED — the department may not do this at all
//   'DIV'              403 DIVISION_OUT_OF_SCOPE — allowed, but not outside its divisions
//   'ROLE'             403 ROLE_NOT_ALLOWED — the inspector's department may pass, an inspector account may not:
//                      it reads and records only what its assigned visits need
//   'OWNER'            403 NOT_OWN_INSTITUTION — an operator touching an institution that is not its own
//   'AUTH'             401 UNAUTHENTICATED — no token
//   'SCOPE'            403 SCOPE_NOT_GRANTED — an API client calling a route outside its scopes
//   'UNASSIGNED'       403 INSPECTOR_NOT_ASSIGNED — an inspector account on a visit it is not assigned to
//                      (reading it too); recording and signing need an assigned inspector
//   'PASS'             gets past the gateway's checks: not 401, not 403 DEPARTMENT_NOT_ALLOWED or
//                      SCOPE_NOT_GRANTED, not a 5xx. Only for a `level: 'gateway'` row (target
//                      'placeholder'), a stop-gap for a new route whose exact outcomes are not written
//                      down yet; today every row is `level: 'service'` — every service runs in the stack.
// Admin is the platform administrator: the gateway lets it through every department check and it
// covers every division, but decisions that belong by law to the district health bureau (备案审核,
// 普惠认定, 示范评定) are refused to it by the registry ('DEPT').

export const DEPARTMENTS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'operator', 'admin'] as const;
export type Department = (typeof DEPARTMENTS)[number];
/**
 * Besides the departments' officials: `inspector`, an 执法人员 account (role inspector, fire
 * 330106: fire.inspector1, linked to an inspector record); `client`, a department system's API
 * client (role system, fire 330106) granted CLIENT_SCOPES only.
 */
export type Caller = Department | 'inspector' | 'client' | 'anonymous';
export const CALLERS: readonly Caller[] = [...DEPARTMENTS, 'inspector', 'client', 'anonymous'];
export const INSPECTOR_ACCOUNT = { username: 'fire.inspector1', department: 'fire', role: 'inspector', divisions: ['330106'] } as const;
export const API_CLIENT = { name: '矩阵测试消防系统', department: 'fire', divisions: ['330106'] } as const;
/** The routes the `client` column was granted; every other non-public route answers it 403 SCOPE_NOT_GRANTED. */
export const CLIENT_SCOPES = [
  'GET /api/v1/institutions/{id}',
  'GET /api/v1/inspections',
  'GET /api/v1/inspections/{id}',
  'PUT /api/v1/inspections/{id}/results',
  'GET /api/v1/rectifications',
  'GET /api/v1/institutions/{id}/rosters/{month}',
] as const;

/** The demo account (and so the role) each department column uses; `own` targets lie in their divisions. */
export const ACCOUNTS: Record<Department, { username: string; role: 'official' | 'operator' | 'admin'; divisions: string[] }> = {
  health: { username: 'health.330106', role: 'official', divisions: ['330106'] },
  market: { username: 'market.330106', role: 'official', divisions: ['330106'] },
  civil: { username: 'civil.330106', role: 'official', divisions: ['330106'] },
  fire: { username: 'fire.330106', role: 'official', divisions: ['330106'] },
  police: { username: 'police.330106', role: 'official', divisions: ['330106'] },
  education: { username: 'education.330106', role: 'official', divisions: ['330106'] },
  hrss: { username: 'hrss.330106', role: 'official', divisions: ['330106'] },
  street: { username: 'street.330106109', role: 'official', divisions: ['330106109'] },
  finance: { username: 'finance.330106', role: 'official', divisions: ['330106'] },
  operator: { username: 'operator.demo', role: 'operator', divisions: ['330106'] },
  admin: { username: 'admin', role: 'admin', divisions: [] },
};

/** The division of `own` targets (inside every column's divisions) and of `other` targets. */
export const OWN_DIVISION = '330106109';
export const OTHER_DIVISION = '371002001';

export type Outcome =
  '200' | '201' | '202' | '204' | '404' | '409' | '200+' | '200-' | 'DEPT' | 'ROLE' | 'DIV' | 'OWNER' | 'AUTH' | 'SCOPE' | 'UNASSIGNED' | 'PASS';
/** `own|other`, or one outcome for a route without a division dimension. */
export type Cell = Outcome | `${Outcome}|${Outcome}`;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface MatrixRow {
  method: Method;
  /** As in the OpenAPI document: /api/v1/institutions/{id} */
  path: string;
  /** The service that decides beyond the gateway's department check. */
  service: 'gateway' | 'registry' | 'staff' | 'inspection' | 'credit' | 'subsidy';
  /** `service`: every cell exact, the service runs in the matrix stack; `gateway`: the gateway's checks only. */
  level: 'service' | 'gateway';
  /** What the request acts on: the spec builds it (fresh for each cell that should succeed in changing it). */
  target: string;
  cells: Record<Caller, Cell>;
  /** Why the row is as it is, with the rule's source where there is one. */
  note?: string;
}

/** The same cell for each of `departments`. */
function cellFor<const D extends Department>(departments: readonly D[], cell: Cell): Record<D, Cell> {
  return Object.fromEntries(departments.map((department) => [department, cell])) as Record<D, Cell>;
}
/** Every department column with one cell. */
const EVERY_DEPARTMENT = (cell: Cell) => cellFor(DEPARTMENTS, cell);
/** The eight inspecting departments (and the inspector, a fire account) with one cell. */
const ALL_INSPECTING = (cell: Cell) => cellFor(['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street'], cell);
/** The departments that read subsidy data. */
const SUBSIDY_READERS = ['health', 'street', 'finance', 'civil', 'education', 'market'] as const;

const EVERYONE_200 = { ...EVERY_DEPARTMENT('200'), anonymous: '200' } as const;
const EVERYONE_201 = { ...EVERY_DEPARTMENT('201'), anonymous: '201' } as const;
const ADMIN_ONLY_200 = { ...EVERY_DEPARTMENT('DEPT'), admin: '200', anonymous: 'AUTH' } as const;
/** Every department refused (anonymous 401): rows add who may. */
const REFUSED = { ...EVERY_DEPARTMENT('DEPT'), anonymous: 'AUTH' } as const;
/** Inspection records, and credit: every official in its divisions, the operator for its own institution, admin everywhere. */
const READ_IN_DIVISIONS = { ...EVERY_DEPARTMENT('200|DIV'), operator: '200|OWNER', admin: '200|200', anonymous: 'AUTH' } as const;
const LIST_IN_DIVISIONS = { ...EVERY_DEPARTMENT('200+|200-'), admin: '200+|200+', anonymous: 'AUTH' } as const;
/** Reading staff: the operator for its own institution; health, police, education, hrss, civil, market, street in their divisions; admin. */
const STAFF_READ_CELLS = { ...READ_IN_DIVISIONS, fire: 'DEPT', finance: 'DEPT' } as const;
/** Recording results and signing off: the gateway lets the inspecting departments through, the service only an assigned inspector. */
const RECORDERS = {
  ...ALL_INSPECTING('UNASSIGNED|UNASSIGNED'),
  finance: 'DEPT',
  operator: 'DEPT',
  admin: 'UNASSIGNED|UNASSIGNED',
  anonymous: 'AUTH',
  inspector: '200|UNASSIGNED',
} as const;
/** Plans: officials in their divisions, and the operator (its account names 西湖区: the 三墩镇 plan is inside). */
const PLAN_READ = { ...READ_IN_DIVISIONS, operator: '200|DIV' } as const;
/** Evidence: officials in their divisions; an operator sees only what it uploaded. */
const EVIDENCE_READ = { ...READ_IN_DIVISIONS, operator: '200|404' } as const;
/** Subsidy data: health, street, finance, civil, education and market in their divisions; admin everywhere. */
const SUBSIDY_READ = { ...REFUSED, ...cellFor(SUBSIDY_READERS, '200|DIV'), admin: '200|200' } as const;
const SUBSIDY_READ_ONE = { ...REFUSED, ...cellFor(SUBSIDY_READERS, '200'), admin: '200' } as const;
const SUBSIDY_LIST = { ...REFUSED, ...cellFor(SUBSIDY_READERS, '200+|200-'), admin: '200+|200+' } as const;

/** A row as written below: `client` may be left out (see `complete`). */
type RowInput = Omit<MatrixRow, 'cells'> & { cells: Omit<Record<Caller, Cell>, 'client'> & Partial<Record<'client', Cell>> };

/**
 * Fills the API client's column where a row does not write it: as the anonymous caller on public
 * routes (and logging in), 403 SCOPE_NOT_GRANTED on every other route outside CLIENT_SCOPES.
 */
function complete(row: RowInput): MatrixRow {
  const key = `${row.method} ${row.path}`;
  const isPublic = row.cells.anonymous !== 'AUTH';
  const client = row.cells.client ?? (isPublic ? row.cells.anonymous : (CLIENT_SCOPES as readonly string[]).includes(key) ? undefined : 'SCOPE');
  if (!client) throw new Error(`${key}: granted to the API client, so its row must write the client cell`);
  return { ...row, cells: { ...row.cells, client } };
}

const ROWS: RowInput[] = [
  // ── auth ─────────────────────────────────────────────────────────────────────────────────────
  {
    method: 'POST',
    path: '/api/v1/auth/token',
    service: 'gateway',
    level: 'service',
    target: 'login',
    cells: { ...EVERYONE_200, inspector: '200' },
    note: 'Each column logs in with its own account (anonymous: as health.330106); no token needed.',
  },
  {
    method: 'POST',
    path: '/api/v1/auth/logout',
    service: 'gateway',
    level: 'service',
    target: 'logout',
    cells: { ...EVERY_DEPARTMENT('204'), anonymous: 'AUTH', inspector: '204', client: '204' },
    note: 'Revokes the presented token: each cell logs in afresh for a throwaway token. An API client needs no scope for its own auth routes.',
  },
  {
    method: 'POST',
    path: '/api/v1/auth/nats-token',
    service: 'gateway',
    level: 'service',
    target: 'natsToken',
    cells: { ...EVERY_DEPARTMENT('ROLE'), admin: '200', anonymous: 'AUTH', inspector: 'ROLE', client: '200' },
    note: 'Identity tokens for NATS requests go to machines only: API clients (no scope needed) and the platform admin; people use the HTTP API.',
  },

  // ── institutions 登记 ─────────────────────────────────────────────────────────────────────────
  {
    method: 'POST',
    path: '/api/v1/institutions',
    service: 'registry',
    level: 'service',
    target: 'newInstitution',
    cells: { ...REFUSED, market: '201|DIV', civil: '201|DIV', operator: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'Registered by the registration authority for its nature (市场监管 for-profit, 民政 non-profit: the body follows the column), the operator itself, or an admin; own/other = the divisionCode in the body.',
  },
  {
    method: 'GET',
    path: '/api/v1/institutions',
    service: 'registry',
    level: 'service',
    target: 'institutionList',
    cells: { ...LIST_IN_DIVISIONS, inspector: 'ROLE' },
    note: 'Every supervising department reads the register inside its divisions; an operator lists its own institutions.',
  },
  {
    method: 'GET',
    path: '/api/v1/institutions/{id}',
    service: 'registry',
    level: 'service',
    target: 'institution',
    cells: { ...READ_IN_DIVISIONS, client: '200|DIV', inspector: '200|DIV' },
  },
  {
    method: 'GET',
    path: '/api/v1/institutions/by-uscc/{uscc}',
    service: 'registry',
    level: 'service',
    target: 'institution',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
    note: "The same record and rules as by id; not part of an inspector account's visit work.",
  },
  {
    method: 'PATCH',
    path: '/api/v1/institutions/{id}',
    service: 'registry',
    level: 'service',
    target: 'institution',
    cells: { ...REFUSED, market: '200|DIV', civil: '200|DIV', operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
    note: "Changes go to the registration authority of the institution's nature (the target follows the column), the operator for its own, or an admin.",
  },

  // ── statuses 普惠 / 示范 / 注销 ─────────────────────────────────────────────────────────────────
  {
    method: 'POST',
    path: '/api/v1/institutions/{id}/inclusive',
    service: 'registry',
    level: 'service',
    target: 'filedInstitution',
    cells: { ...REFUSED, health: '200|DIV', inspector: 'DEPT' },
    note: '普惠认定 by the district health bureau (国卫办人口发〔2019〕25号); not even an admin.',
  },
  {
    method: 'POST',
    path: '/api/v1/institutions/{id}/demonstration',
    service: 'registry',
    level: 'service',
    target: 'filedInstitution',
    cells: { ...REFUSED, health: '200|DIV', inspector: 'DEPT' },
    note: '示范 designation by the district health bureau.',
  },
  {
    method: 'POST',
    path: '/api/v1/institutions/{id}/deregistration',
    service: 'registry',
    level: 'service',
    target: 'institution',
    cells: { ...REFUSED, health: '200|DIV', market: '200|DIV', civil: '200|DIV', operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
    note: '注销 by the registration authority, the health bureau that files it, the operator, or an admin.',
  },

  // ── filings 备案 ──────────────────────────────────────────────────────────────────────────────
  {
    method: 'POST',
    path: '/api/v1/institutions/{id}/filings',
    service: 'registry',
    level: 'service',
    target: 'institution',
    cells: { ...REFUSED, market: '201|DIV', civil: '201|DIV', operator: '201|OWNER', admin: '201|201', inspector: 'DEPT' },
    note: '备案 is submitted by the operator or on its behalf by the registration authority.',
  },
  {
    method: 'GET',
    path: '/api/v1/filings',
    service: 'registry',
    level: 'service',
    target: 'filingList',
    cells: { ...LIST_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/filings/{id}',
    service: 'registry',
    level: 'service',
    target: 'submittedFiling',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/filings/{id}/decision',
    service: 'registry',
    level: 'service',
    target: 'submittedFiling',
    cells: { ...REFUSED, health: '200|DIV', inspector: 'DEPT' },
    note: "备案审核 by the district health bureau of the institution's district; not even an admin.",
  },
  {
    method: 'GET',
    path: '/api/v1/filings/{id}/receipt.pdf',
    service: 'registry',
    level: 'service',
    target: 'approvedFiling',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },

  // ── public register 公示 (no login) ───────────────────────────────────────────────────────────
  {
    method: 'GET',
    path: '/api/v1/public/institutions',
    service: 'registry',
    level: 'service',
    target: 'publicList',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  {
    method: 'GET',
    path: '/api/v1/public/institutions/{id}',
    service: 'registry',
    level: 'service',
    target: 'publicInstitution',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  {
    method: 'GET',
    path: '/api/v1/public/institutions/{id}/door-code.png',
    service: 'registry',
    level: 'service',
    target: 'publicInstitution',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  {
    method: 'GET',
    path: '/api/v1/public/receipts/{receiptNo}',
    service: 'registry',
    level: 'service',
    target: 'receiptNo',
    cells: { ...EVERYONE_200, inspector: '200' },
  },

  // ── population 人口数据 and indicators 指标 ─────────────────────────────────────────────────────
  {
    method: 'PUT',
    path: '/api/v1/population',
    service: 'registry',
    level: 'service',
    target: 'populationRows',
    cells: { ...REFUSED, health: '200|DIV', admin: '200|200', inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/population/import',
    service: 'registry',
    level: 'service',
    target: 'populationCsv',
    cells: { ...REFUSED, health: '200|DIV', admin: '200|200', inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/population',
    service: 'registry',
    level: 'service',
    target: 'populationList',
    cells: { ...LIST_IN_DIVISIONS, operator: '200+|200+', inspector: 'ROLE' },
    note: 'Population figures are statistics, not personal data: operators (planning a site) see every division.',
  },
  {
    method: 'GET',
    path: '/api/v1/indicators',
    service: 'registry',
    level: 'service',
    target: 'indicators',
    cells: { ...READ_IN_DIVISIONS, operator: 'DEPT', inspector: 'ROLE' },
    note: "Own = the caller's own division code (street: its street), other = 371002.",
  },

  // ── calendar 工作日历 and audit 审计 ───────────────────────────────────────────────────────────
  {
    method: 'GET',
    path: '/api/v1/calendar/{year}',
    service: 'gateway',
    level: 'service',
    target: 'calendarYear',
    cells: { ...EVERYONE_200, anonymous: 'AUTH', inspector: 'ROLE' },
  },
  {
    method: 'PUT',
    path: '/api/v1/calendar/{year}',
    service: 'gateway',
    level: 'service',
    target: 'calendarYear',
    cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/audit',
    service: 'registry',
    level: 'service',
    target: 'auditTrail',
    cells: { ...ADMIN_ONLY_200, admin: '200|200', inspector: 'DEPT' },
  },
  { method: 'GET', path: '/api/v1/audit/verify', service: 'gateway', level: 'service', target: 'none', cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' } },

  // ── admin: API clients 接口客户端 (machine credentials of department systems) ─────────────────────
  {
    method: 'POST',
    path: '/api/v1/admin/api-clients',
    service: 'gateway',
    level: 'service',
    target: 'newApiClient',
    cells: { ...ADMIN_ONLY_200, admin: '201', inspector: 'DEPT' },
    note: 'Only the platform administrator gives a department system credentials (issue 11 §1); an API client can never be granted /api/v1/admin routes.',
  },
  { method: 'GET', path: '/api/v1/admin/api-clients', service: 'gateway', level: 'service', target: 'none', cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' } },
  {
    method: 'POST',
    path: '/api/v1/admin/api-clients/{id}/rotate',
    service: 'gateway',
    level: 'service',
    target: 'apiClient',
    cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/admin/api-clients/{id}/revoke',
    service: 'gateway',
    level: 'service',
    target: 'apiClient',
    cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' },
  },

  // ── admin: login lockouts 登录锁定 ─────────────────────────────────────────────────────────────
  {
    method: 'GET',
    path: '/api/v1/admin/login-lockouts',
    service: 'gateway',
    level: 'service',
    target: 'none',
    cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/admin/login-lockouts/unlock',
    service: 'gateway',
    level: 'service',
    target: 'loginLockout',
    cells: { ...ADMIN_ONLY_200, inspector: 'DEPT' },
    note: "Lifting a lockout is the platform administrator's; the body names the username (an API client: client:<clientId>).",
  },

  // ── platform documents and health (public) ───────────────────────────────────────────────────
  { method: 'GET', path: '/health', service: 'gateway', level: 'service', target: 'none', cells: { ...EVERYONE_200, inspector: '200' } },
  { method: 'GET', path: '/api/docs/asyncapi.json', service: 'gateway', level: 'service', target: 'none', cells: { ...EVERYONE_200, inspector: '200' } },

  // ── staff 从业人员 (services/staff/src/access/staff-access.policy.ts) ────────────────────────
  // own = an institution in 三墩镇 (for operator: its own), other = one in 环翠区 registered by admin.
  {
    method: 'POST',
    path: '/api/v1/institutions/{id}/staff',
    service: 'staff',
    level: 'service',
    target: 'staffInstitution',
    cells: { ...REFUSED, health: '201|DIV', operator: '201|OWNER', admin: '201|201', inspector: 'DEPT' },
    note: "Registered by the institution's operator, the district health bureau (lead department) in its divisions, or an admin.",
  },
  {
    method: 'POST',
    path: '/api/v1/institutions/{id}/staff/import',
    service: 'staff',
    level: 'service',
    target: 'staffInstitution',
    cells: { ...REFUSED, health: '200|DIV', operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/institutions/{id}/staff',
    service: 'staff',
    level: 'service',
    target: 'staffInstitution',
    cells: { ...STAFF_READ_CELLS, inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/institutions/{id}/staff-stats',
    service: 'staff',
    level: 'service',
    target: 'staffInstitution',
    cells: { ...STAFF_READ_CELLS, inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/institutions/{id}/staff/credential-alerts',
    service: 'staff',
    level: 'service',
    target: 'staffInstitution',
    cells: { ...STAFF_READ_CELLS, inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/staff-stats',
    service: 'staff',
    level: 'service',
    target: 'staffDivision',
    cells: { ...STAFF_READ_CELLS, operator: 'DEPT', inspector: 'DEPT' },
    note: "Own = the caller's own division code (street: its street), other = 371002; operators read their own institutions' statistics only.",
  },
  {
    method: 'GET',
    path: '/api/v1/staff/rechecks/overdue',
    service: 'staff',
    level: 'service',
    target: 'staffInstitution',
    cells: { ...STAFF_READ_CELLS, inspector: 'DEPT' },
    note: 'Asked for one institution (institutionId).',
  },
  {
    method: 'POST',
    path: '/api/v1/staff/rules',
    service: 'staff',
    level: 'service',
    target: 'newStaffRules',
    cells: { ...REFUSED, health: '201|DIV', education: '201|DIV', hrss: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'A staff rule document (a 持证率 target in force from 2099) for a jurisdiction inside the official’s divisions, by the departments RULE_FAMILY_PUBLISHERS.staff names; national ones only by the admin (assertMayPublishRules).',
  },
  { method: 'GET', path: '/api/v1/staff/{id}', service: 'staff', level: 'service', target: 'staffMember', cells: { ...STAFF_READ_CELLS, inspector: 'DEPT' } },
  {
    method: 'POST',
    path: '/api/v1/staff/{id}/end',
    service: 'staff',
    level: 'service',
    target: 'staffMember',
    cells: { ...REFUSED, health: '200|DIV', operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/staff/{id}/credentials',
    service: 'staff',
    level: 'service',
    target: 'staffMember',
    cells: { ...REFUSED, health: '201|DIV', operator: '201|OWNER', admin: '201|201', inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/staff/{id}/rechecks',
    service: 'staff',
    level: 'service',
    target: 'staffMember',
    cells: { ...REFUSED, health: '201|DIV', police: '201|DIV', operator: '201|OWNER', admin: '201|201', inspector: 'DEPT' },
    note: 'Yearly re-check: the writers, and public security (the criminal-record query is its work) in its divisions.',
  },
  {
    method: 'POST',
    path: '/api/v1/staff/{id}/id-number',
    service: 'staff',
    level: 'service',
    target: 'staffMember',
    cells: { ...REFUSED, health: '200|DIV', police: '200|DIV', inspector: 'DEPT' },
    note: 'The full resident ID number: public security, or health one at a time with a reason (audited); not even an admin (个人信息保护法 第六条, minimum necessary).',
  },
  {
    method: 'POST',
    path: '/api/v1/bans',
    service: 'staff',
    level: 'service',
    target: 'newBan',
    cells: { ...REFUSED, police: '201', health: '201', admin: '201', inspector: 'DEPT' },
    note: '从业禁止 / 终身禁入 are entered by public security or health; the list is national (no division).',
  },
  {
    method: 'GET',
    path: '/api/v1/bans',
    service: 'staff',
    level: 'service',
    target: 'none',
    cells: { ...REFUSED, police: '200', health: '200', admin: '200', inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/record-checks',
    service: 'staff',
    level: 'service',
    target: 'newRecordCheck',
    cells: { ...REFUSED, police: '201', admin: '201', inspector: 'DEPT' },
    note: 'Criminal-record query results are entered by public security.',
  },

  // ── credit 信用 (services/credit/src/access/credit-access.policy.ts) ─────────────────────────
  {
    method: 'GET',
    path: '/api/v1/credit/institutions/{id}',
    service: 'credit',
    level: 'service',
    target: 'creditInstitution',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
    note: "Joint punishment needs every supervising department to see an institution's credit in its divisions; the operator its own.",
  },
  {
    method: 'GET',
    path: '/api/v1/credit/lists',
    service: 'credit',
    level: 'service',
    target: 'creditList',
    cells: { ...READ_IN_DIVISIONS, operator: 'DEPT', inspector: 'ROLE' },
    note: "红黑名单 of a division: departments in their divisions (own = the caller's own division code, street: its street; other = 371002), not operators.",
  },
  {
    method: 'GET',
    path: '/api/v1/credit/models',
    service: 'credit',
    level: 'service',
    target: 'none',
    cells: { ...EVERYONE_200, anonymous: 'AUTH', inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/credit/models',
    service: 'credit',
    level: 'service',
    target: 'newCreditModel',
    cells: { ...REFUSED, health: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'A credit rule document (a 联合激励 measure in force from 2099) for a jurisdiction inside the health bureau’s divisions; national ones only by the admin (assertMayPublishRules).',
  },
  {
    method: 'POST',
    path: '/api/v1/credit/institutions/{id}/repair-requests',
    service: 'credit',
    level: 'service',
    target: 'creditRepairable',
    cells: { ...REFUSED, health: '201|DIV', operator: '201|OWNER', inspector: 'DEPT' },
    note: '信用修复 asked by the operator for its own institution, or by the health bureau on its behalf in its divisions; not an admin.',
  },
  {
    method: 'GET',
    path: '/api/v1/credit/repair-requests',
    service: 'credit',
    level: 'service',
    target: 'repairRequestList',
    cells: { ...LIST_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/credit/repair-requests/{id}',
    service: 'credit',
    level: 'service',
    target: 'repairRequest',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/credit/repair-requests/{id}/decision',
    service: 'credit',
    level: 'service',
    target: 'repairRequest',
    cells: { ...REFUSED, health: '200|DIV', inspector: 'DEPT' },
    note: 'Decided by the district health bureau of the institution (the lead department: 区卫生健康局牵头); not even an admin.',
  },
  {
    method: 'POST',
    path: '/api/v1/credit/institutions/{id}/listings',
    service: 'credit',
    level: 'service',
    target: 'creditListable',
    cells: { ...REFUSED, health: '201|DIV', inspector: 'DEPT' },
    note: '严重失信主体名单认定 is notified by the district health bureau of the institution; not the operator, not an admin.',
  },
  {
    method: 'GET',
    path: '/api/v1/credit/listings',
    service: 'credit',
    level: 'service',
    target: 'listingList',
    cells: { ...LIST_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/credit/listings/{id}',
    service: 'credit',
    level: 'service',
    target: 'listing',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/credit/listings/{id}/statement',
    service: 'credit',
    level: 'service',
    target: 'listing',
    cells: { ...REFUSED, operator: '200|OWNER', inspector: 'DEPT' },
    note: '陈述申辩 is the institution’s own right: its operator only, not the department on its behalf.',
  },
  {
    method: 'POST',
    path: '/api/v1/credit/listings/{id}/decision',
    service: 'credit',
    level: 'service',
    target: 'decidableListing',
    cells: { ...REFUSED, health: '200|DIV', inspector: 'DEPT' },
    note: 'Decided by the district health bureau of the institution after the statement period; not even an admin.',
  },
  {
    method: 'GET',
    path: '/api/v1/public/credit/institutions',
    service: 'credit',
    level: 'service',
    target: 'publicCreditList',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  {
    method: 'GET',
    path: '/api/v1/public/credit/institutions/{id}',
    service: 'credit',
    level: 'service',
    target: 'publicCredit',
    cells: { ...EVERYONE_200, inspector: '200' },
  },

  // ── inspection 两张清单 / 双随机 / 综合查一次 / 整改 / 处罚 / 投诉 (services/inspection/src/access.ts and the
  //    use cases) — own = a 三墩镇 institution of operator.demo, other = a 环翠区 one of admin ──
  {
    method: 'GET',
    path: '/api/v1/checklists',
    service: 'inspection',
    level: 'service',
    target: 'none',
    cells: { ...EVERYONE_200, anonymous: 'AUTH', inspector: '200' },
  },
  {
    method: 'POST',
    path: '/api/v1/checklists',
    service: 'inspection',
    level: 'service',
    target: 'newChecklist',
    cells: { ...REFUSED, education: '201|DIV', admin: '201|201', inspector: 'ROLE' },
    note:
      "A new version (in force from 2099) of the education list for the target's street (own = 三墩镇, other = 环翠楼街道): only education publishes its own lists, " +
      'for divisions it covers, or an admin (national lists too); the other inspecting departments pass the gateway and are refused by the service.',
  },
  {
    method: 'POST',
    path: '/api/v1/supervision-policies',
    service: 'inspection',
    level: 'service',
    target: 'newSupervisionPolicy',
    cells: { ...REFUSED, market: '201|DIV', health: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'A local supervision policy (双随机 ratios, in force from 2099) for a division market regulation or health covers; national ones by the admin (rule family supervision).',
  },
  {
    method: 'POST',
    path: '/api/v1/inspectors',
    service: 'inspection',
    level: 'service',
    target: 'newInspector',
    cells: { ...ALL_INSPECTING('201|DIV'), finance: 'DEPT', operator: 'DEPT', admin: '201|201', anonymous: 'AUTH', inspector: 'ROLE' },
    note: "Each department adds its own inspectors (the body names none: the caller's; admin names street) for divisions it covers (own = 三墩镇, other = 环翠区).",
  },
  {
    method: 'GET',
    path: '/api/v1/inspectors',
    service: 'inspection',
    level: 'service',
    target: 'none',
    cells: { ...EVERYONE_200, operator: 'DEPT', anonymous: 'AUTH', inspector: 'ROLE' },
    note: 'The directory of inspectors (names, badge numbers) is national: not filtered by division; not for operators.',
  },
  {
    method: 'POST',
    path: '/api/v1/inspectors/{id}/conflicts',
    service: 'inspection',
    level: 'service',
    target: 'conflict',
    cells: { ...REFUSED, fire: '201|DIV', admin: '201|201', inspector: 'ROLE' },
    note: "回避 of another fire inspector (own: of 西湖区 for a 三墩镇 institution; other: of 环翠区 for a 环翠区 one): recorded by the inspector's department in its divisions or an admin; an inspector account declares only its own (tests/e2e/inspector-role.e2e-spec.ts).",
  },
  {
    method: 'POST',
    path: '/api/v1/inspection-plans',
    service: 'inspection',
    level: 'service',
    target: 'newPlan',
    cells: { ...REFUSED, street: '201|DIV', health: '201|DIV', fire: '201|DIV', admin: '201|201', inspector: 'ROLE' },
    note: "双随机 plans in the caller's divisions (国发〔2019〕5号): the street office and the district health bureau lead joint plans of any departments; any other inspecting department plans its own alone — the matrix's plan is the fire department's, so fire may and the others may not.",
  },
  {
    method: 'GET',
    path: '/api/v1/inspection-plans',
    service: 'inspection',
    level: 'service',
    target: 'planList',
    cells: { ...LIST_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/inspection-plans/{id}/draw',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...REFUSED, street: '200|DIV', health: '200|DIV', fire: '200|DIV', admin: '200|200', inspector: 'ROLE' },
    note: "Drawn by a lead department or, for a department's own plan (the matrix's is fire's), by that department.",
  },
  {
    method: 'GET',
    path: '/api/v1/inspection-plans/{id}',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...PLAN_READ, inspector: 'ROLE' },
    note: 'Officials (and the operator, whose account names 西湖区) read the plans of their divisions; the public routes show every plan.',
  },
  {
    method: 'GET',
    path: '/api/v1/inspection-plans/{id}/pool',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...PLAN_READ, inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/inspection-plans/{id}/draws',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...PLAN_READ, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/inspections',
    service: 'inspection',
    level: 'service',
    target: 'newInspection',
    cells: { ...ALL_INSPECTING('201|DIV'), finance: 'DEPT', operator: 'DEPT', admin: '201|201', anonymous: 'AUTH', inspector: 'ROLE' },
    note: 'An ad-hoc joint visit (fire + market) opened by any inspecting department for an institution in its divisions.',
  },
  {
    method: 'GET',
    path: '/api/v1/inspections',
    service: 'inspection',
    level: 'service',
    target: 'inspectionList',
    cells: { ...LIST_IN_DIVISIONS, client: '200+|200-', inspector: '200+|200-' },
    note: 'Every department lists the inspections of its divisions; the operator those of its own institutions.',
  },
  {
    method: 'GET',
    path: '/api/v1/inspections/{id}',
    service: 'inspection',
    level: 'service',
    target: 'inspection',
    cells: { ...READ_IN_DIVISIONS, client: '200|DIV', inspector: '200|UNASSIGNED' },
    note: "An inspection of a 三墩镇 institution (fire + market, fire.inspector1 assigned) / of a 环翠区 one; the operator reads its own institution's; the inspector only the visit it is assigned to.",
  },
  {
    method: 'GET',
    path: '/api/v1/inspections/{id}/form',
    service: 'inspection',
    level: 'service',
    target: 'inspection',
    cells: { ...READ_IN_DIVISIONS, operator: 'DEPT|DEPT', inspector: '200|UNASSIGNED' },
    note: "The merged form is the inspectors' tool: not shown to the operator.",
  },
  {
    method: 'PUT',
    path: '/api/v1/inspections/{id}/results',
    service: 'inspection',
    level: 'service',
    target: 'openInspection',
    cells: { ...RECORDERS, client: 'UNASSIGNED|UNASSIGNED' },
    note: 'Only a linked inspector assigned to the inspection records its department\'s items: no official, admin or API client — "fire editing health results" is ITEM_OTHER_DEPARTMENT in tests/e2e/inspection.e2e-spec.ts.',
  },
  {
    method: 'GET',
    path: '/api/v1/inspections/{id}/results/{itemCode}/versions',
    service: 'inspection',
    level: 'service',
    target: 'inspectionItem',
    cells: { ...READ_IN_DIVISIONS, inspector: '200|UNASSIGNED' },
    note: 'Every value recorded for an item: whoever may read the visit (the inspector only a visit it is assigned to).',
  },
  {
    method: 'POST',
    path: '/api/v1/inspections/{id}/results/{itemCode}/resolution',
    service: 'inspection',
    level: 'service',
    target: 'resolution',
    cells: {
      ...ALL_INSPECTING('DEPT|DEPT'),
      fire: '409|DIV',
      finance: 'DEPT',
      operator: 'DEPT',
      admin: '409|409',
      anonymous: 'AUTH',
      inspector: '409|UNASSIGNED',
    },
    note: "FIRE-01 is fire's: an assigned fire inspector or a fire official in the division may resolve it; 409 RESULT_NOT_IN_CONFLICT means past every access check (the item has no conflict).",
  },
  {
    method: 'GET',
    path: '/api/v1/inspections/{id}/late-results',
    service: 'inspection',
    level: 'service',
    target: 'inspection',
    cells: { ...READ_IN_DIVISIONS, inspector: '200|UNASSIGNED' },
  },
  {
    method: 'POST',
    path: '/api/v1/inspections/{id}/late-results/{versionId}/decision',
    service: 'inspection',
    level: 'service',
    target: 'lateDecision',
    cells: {
      ...ALL_INSPECTING('DEPT|DEPT'),
      market: '404|DIV',
      fire: '404|DIV',
      finance: 'DEPT',
      operator: 'DEPT',
      admin: '404|404',
      anonymous: 'AUTH',
      inspector: 'ROLE',
    },
    note: 'An official of a department of the visit (fire + market) in its division decides its late results; 404 RESULT_VERSION_NOT_FOUND means past the access checks.',
  },
  {
    method: 'POST',
    path: '/api/v1/inspections/{id}/sign-off',
    service: 'inspection',
    level: 'service',
    target: 'openInspection',
    cells: RECORDERS,
    note: 'Signed off by an assigned inspector of the department, once all its items are recorded.',
  },
  {
    method: 'POST',
    path: '/api/v1/inspections/{id}/reinspection',
    service: 'inspection',
    level: 'service',
    target: 'completedInspection',
    cells: { ...ALL_INSPECTING('201|DIV'), finance: 'DEPT', operator: 'DEPT', admin: '201|201', anonymous: 'AUTH', inspector: 'ROLE' },
    note: '复查 of a completed inspection with open findings, by an inspecting department in its divisions.',
  },
  {
    method: 'GET',
    path: '/api/v1/inspections/{id}/notice',
    service: 'inspection',
    level: 'service',
    target: 'completedInspection',
    cells: { ...READ_IN_DIVISIONS, inspector: 'UNASSIGNED|UNASSIGNED' },
  },
  {
    method: 'GET',
    path: '/api/v1/rectifications',
    service: 'inspection',
    level: 'service',
    target: 'findingList',
    cells: { ...LIST_IN_DIVISIONS, client: '200+|200-', inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/post-filing-checks',
    service: 'inspection',
    level: 'service',
    target: 'postFilingCheckList',
    cells: { ...LIST_IN_DIVISIONS, operator: 'DEPT', inspector: 'ROLE' },
    note: '备案后核查 is the departments’ duty list in their divisions; not the operator’s.',
  },
  {
    method: 'GET',
    path: '/api/v1/rectifications/{id}',
    service: 'inspection',
    level: 'service',
    target: 'finding',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/rectifications/{id}/verify',
    service: 'inspection',
    level: 'service',
    target: 'finding',
    cells: { ...REFUSED, market: '200|DIV', admin: '200|200', inspector: 'ROLE' },
    note: 'A market (市场监管) finding is verified by market in its divisions (the department that found it) or an admin; the others past the gateway are refused by the service.',
  },
  {
    method: 'POST',
    path: '/api/v1/rectifications/{id}/report',
    service: 'inspection',
    level: 'service',
    target: 'finding',
    cells: { ...REFUSED, operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
    note: 'The operator reports the rectification of its own institution, or an admin.',
  },
  {
    method: 'POST',
    path: '/api/v1/penalties',
    service: 'inspection',
    level: 'service',
    target: 'newPenalty',
    cells: { ...ALL_INSPECTING('DEPT|DIV'), market: '201|DIV', finance: 'DEPT', operator: 'DEPT', admin: '201|201', anonymous: 'AUTH', inspector: 'ROLE' },
    note: '行政处罚 PMKT-04 on a market finding: only the department holding the penalty item (market), in its divisions; the division is checked first.',
  },
  {
    method: 'GET',
    path: '/api/v1/penalties',
    service: 'inspection',
    level: 'service',
    target: 'penaltyList',
    cells: { ...LIST_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/self-inspections',
    service: 'inspection',
    level: 'service',
    target: 'selfInspection',
    cells: { ...REFUSED, operator: '201|OWNER', admin: '201|201', inspector: 'DEPT' },
    note: "自查 by the institution's operator, or an admin.",
  },
  {
    method: 'GET',
    path: '/api/v1/self-inspections',
    service: 'inspection',
    level: 'service',
    target: 'selfInspection',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/self-inspections/form',
    service: 'inspection',
    level: 'service',
    target: 'selfInspection',
    cells: { ...READ_IN_DIVISIONS, inspector: 'ROLE' },
  },
  {
    method: 'GET',
    path: '/api/v1/complaints',
    service: 'inspection',
    level: 'service',
    target: 'complaintList',
    cells: {
      ...ALL_INSPECTING('200-|200-'),
      fire: '200+|200-',
      street: '200+|200-',
      finance: 'DEPT',
      operator: 'DEPT',
      admin: '200+|200+',
      anonymous: 'AUTH',
      inspector: 'ROLE',
    },
    note: 'A fire complaint: the responsible department (fire) and the street office see it in their divisions, the other departments list none.',
  },
  {
    method: 'POST',
    path: '/api/v1/complaints/{id}/triage',
    service: 'inspection',
    level: 'service',
    target: 'complaint',
    cells: { ...REFUSED, fire: '200|DIV', street: '200|DIV', admin: '200|200', inspector: 'ROLE' },
    note: 'Handled by the responsible department or the street office in their divisions (other inspecting departments: refused by the service).',
  },
  {
    method: 'POST',
    path: '/api/v1/complaints/{id}/outcome',
    service: 'inspection',
    level: 'service',
    target: 'acceptedComplaint',
    cells: { ...REFUSED, fire: '200|DIV', street: '200|DIV', admin: '200|200', inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/public/complaints',
    service: 'inspection',
    level: 'service',
    target: 'publicComplaint',
    cells: { ...EVERYONE_201, inspector: '201' },
    note: '投诉举报 without login.',
  },
  { method: 'GET', path: '/api/v1/public/complaints', service: 'inspection', level: 'service', target: 'none', cells: { ...EVERYONE_200, inspector: '200' } },
  {
    method: 'GET',
    path: '/api/v1/public/inspection-plans',
    service: 'inspection',
    level: 'service',
    target: 'none',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  {
    method: 'GET',
    path: '/api/v1/public/inspection-plans/{id}',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  {
    method: 'GET',
    path: '/api/v1/public/inspection-plans/{id}/pool',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...EVERYONE_200, inspector: '200' },
    note: '一公开: anyone rebuilds the draw input from these pages.',
  },
  {
    method: 'GET',
    path: '/api/v1/public/inspection-plans/{id}/draws',
    service: 'inspection',
    level: 'service',
    target: 'plan',
    cells: { ...EVERYONE_200, inspector: '200' },
    note: '一公开: the result.',
  },
  {
    method: 'GET',
    path: '/api/v1/public/institutions/{id}/inspection-plans',
    service: 'inspection',
    level: 'service',
    target: 'publicInstitution',
    cells: { ...EVERYONE_200, inspector: '200' },
    note: '一公开: the plans that drew the institution.',
  },
  { method: 'GET', path: '/api/v1/public/inspections', service: 'inspection', level: 'service', target: 'none', cells: { ...EVERYONE_200, inspector: '200' } },
  {
    method: 'GET',
    path: '/api/v1/public/inspections/{id}',
    service: 'inspection',
    level: 'service',
    target: 'completedInspection',
    cells: { ...EVERYONE_200, inspector: '200' },
  },
  { method: 'GET', path: '/api/v1/public/checklists', service: 'inspection', level: 'service', target: 'none', cells: { ...EVERYONE_200, inspector: '200' } },

  // ── enrolment and subsidy 收托名册 / 补助 (services/subsidy/src/access/subsidy-access.policy.ts) ──
  {
    method: 'PUT',
    path: '/api/v1/institutions/{id}/rosters/{month}',
    service: 'subsidy',
    level: 'service',
    target: 'rosterSubmit',
    cells: { ...REFUSED, operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
    note: "收托名册 by the institution's operator (admin may correct).",
  },
  {
    method: 'GET',
    path: '/api/v1/rosters/template.xlsx',
    service: 'gateway',
    level: 'service',
    target: 'none',
    cells: { ...REFUSED, ...cellFor(SUBSIDY_READERS, '200'), operator: '200', admin: '200', inspector: 'DEPT' },
    note: 'The roster template holds no data: whoever fills in or reads rosters.',
  },
  {
    method: 'PUT',
    path: '/api/v1/institutions/{id}/rosters/{month}/upload',
    service: 'subsidy',
    level: 'service',
    target: 'rosterSubmit',
    cells: { ...REFUSED, operator: '200|OWNER', admin: '200|200', inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/institutions/{id}/rosters/{month}',
    service: 'subsidy',
    level: 'service',
    target: 'roster',
    cells: { ...SUBSIDY_READ, operator: '200|OWNER', client: 'DEPT|DEPT', inspector: 'DEPT' },
    note: 'Readers of subsidy data in their divisions, the operator for its own institution; a fire API client granted the route is still refused by the department check.',
  },
  {
    method: 'GET',
    path: '/api/v1/subsidy/policies',
    service: 'subsidy',
    level: 'service',
    target: 'none',
    cells: { ...EVERYONE_200, anonymous: 'AUTH', inspector: 'ROLE' },
  },
  {
    method: 'POST',
    path: '/api/v1/subsidy/policies',
    service: 'subsidy',
    level: 'service',
    target: 'newPolicy',
    cells: { ...REFUSED, health: '201|DIV', finance: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'A new policy version (rules as data, in force from 2099) for a division the health or finance bureau covers.',
  },
  {
    method: 'POST',
    path: '/api/v1/subsidy/runs',
    service: 'subsidy',
    level: 'service',
    target: 'newRun',
    cells: { ...REFUSED, health: '202|DIV', admin: '202|202', inspector: 'DEPT' },
    note: 'Computed (in the background: 202) by the health bureau for a division it covers, or an admin.',
  },
  { method: 'GET', path: '/api/v1/subsidy/runs', service: 'subsidy', level: 'service', target: 'runList', cells: { ...SUBSIDY_LIST, inspector: 'DEPT' } },
  { method: 'GET', path: '/api/v1/subsidy/runs/{id}', service: 'subsidy', level: 'service', target: 'run', cells: { ...SUBSIDY_READ, inspector: 'DEPT' } },
  {
    method: 'GET',
    path: '/api/v1/subsidy/runs/{id}/lines',
    service: 'subsidy',
    level: 'service',
    target: 'run',
    cells: { ...SUBSIDY_READ, operator: '200|OWNER', inspector: 'DEPT' },
    note: 'The operator reads the lines of its own institution (institutionId) only.',
  },
  {
    method: 'GET',
    path: '/api/v1/subsidy/runs/{id}/institutions',
    service: 'subsidy',
    level: 'service',
    target: 'run',
    cells: { ...SUBSIDY_READ, inspector: 'DEPT' },
  },
  {
    method: 'GET',
    path: '/api/v1/subsidy/runs/{id}/export.xlsx',
    service: 'subsidy',
    level: 'service',
    target: 'run',
    cells: { ...SUBSIDY_READ, inspector: 'DEPT' },
  },
  {
    method: 'POST',
    path: '/api/v1/subsidy/runs/{id}/approvals',
    service: 'subsidy',
    level: 'service',
    target: 'runAtStage',
    cells: { ...REFUSED, street: '200|DIV', health: '200|DIV', finance: '200|DIV', inspector: 'DEPT' },
    note: 'Approval in turn — street office, health bureau, finance — each on a run waiting for it, in its divisions; not an admin (each of the three departments answers for its own step).',
  },
  {
    method: 'GET',
    path: '/api/v1/subsidy/ledger',
    service: 'subsidy',
    level: 'service',
    target: 'none',
    cells: { ...SUBSIDY_READ_ONE, operator: '200', inspector: 'DEPT' },
    note: "The ledger is filtered to the caller's divisions (the operator: its institutions) rather than refused.",
  },

  // ── evidence 取证 (kept by the gateway: services/gateway/src/evidence) — own = of the 三墩镇 inspection
  //    (uploaded by the operator), other = of the 环翠区 one (uploaded by admin) ──────────────────────
  {
    method: 'POST',
    path: '/api/v1/evidence',
    service: 'gateway',
    level: 'service',
    target: 'newEvidence',
    cells: { ...ALL_INSPECTING('201|DIV'), finance: 'DEPT', operator: '201|OWNER', admin: '201|201', anonymous: 'AUTH', inspector: '201|UNASSIGNED' },
    note: "Attached to an inspection the caller may read (its division, or the operator's own institution), as the inspection service decides.",
  },
  {
    method: 'GET',
    path: '/api/v1/evidence',
    service: 'gateway',
    level: 'service',
    target: 'evidenceList',
    cells: { ...EVERY_DEPARTMENT('200+|DIV'), operator: '200+|OWNER', admin: '200+|200+', anonymous: 'AUTH', inspector: '200+|UNASSIGNED' },
    note: 'Listed to those who may read the inspection (its division, or the operator of the institution).',
  },
  {
    method: 'GET',
    path: '/api/v1/evidence/{id}',
    service: 'gateway',
    level: 'service',
    target: 'evidence',
    cells: { ...EVIDENCE_READ, inspector: '200|UNASSIGNED' },
    note: 'An operator sees only what it uploaded (else 404); an official, the evidence of inspections in its divisions.',
  },
  {
    method: 'GET',
    path: '/api/v1/evidence/{id}/file',
    service: 'gateway',
    level: 'service',
    target: 'evidence',
    cells: { ...EVIDENCE_READ, inspector: '200|UNASSIGNED' },
  },
  // ── rules by jurisdiction (分级规则) ─────────────────────────────────────────────────────────────
  ...(['/api/v1/rules/effective', '/api/v1/rules/diff', '/api/v1/rules/documents'] as const).map((path): RowInput => ({
    method: 'GET',
    path,
    service: 'registry',
    level: 'service',
    target: 'filingRules',
    cells: { ...EVERY_DEPARTMENT('200'), anonymous: 'AUTH', inspector: 'ROLE' },
    note: 'Rules are public law: any signed-in official, operator or admin reads them (family=filing, kept by the registry); an inspector account reads only what its visits need.',
  })),
  {
    method: 'POST',
    path: '/api/v1/filing-standards',
    service: 'registry',
    level: 'service',
    target: 'newFilingStandards',
    cells: { ...REFUSED, health: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'A filing rule document (in force from 2099) for a jurisdiction inside the health bureau’s divisions; national ones only by the admin (assertMayPublishRules).',
  },
  {
    method: 'POST',
    path: '/api/v1/indicator-targets',
    service: 'registry',
    level: 'service',
    target: 'newIndicatorTargets',
    cells: { ...REFUSED, health: '201|DIV', admin: '201|201', inspector: 'DEPT' },
    note: 'A 发展目标 document (in force from 2099) for a jurisdiction inside the health bureau’s divisions; national ones only by the admin (assertMayPublishRules).',
  },
];

export const AUTHORIZATION_MATRIX: MatrixRow[] = ROWS.map(complete);

/** `METHOD path`, the key rows and OpenAPI operations are matched on. */
export const routeKey = (row: { method: string; path: string }) => `${row.method.toUpperCase()} ${row.path}`;

/** The outcome of a cell for a scope (`own` when the route has no division dimension). */
export function outcomeOf(cell: Cell, scope: 'own' | 'other'): Outcome {
  const [own, other] = cell.split('|') as [Outcome, Outcome | undefined];
  return scope === 'other' ? (other ?? own) : own;
}

export const hasScopes = (row: MatrixRow) => Object.values(row.cells).some((c) => c.includes('|'));
