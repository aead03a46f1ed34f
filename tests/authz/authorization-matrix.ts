// The authorization matrix (issue 9 §3) kept as data: for every /api/v1 route (and the public
// documents), who gets what. authorization-matrix.e2e-spec.ts exercises every cell through the
// gateway with the demo accounts, and fails when a route in the OpenAPI document has no row here
// (or a row names a route that no longer exists) — so a new route cannot ship without its row.
//
// Reading a row
// -------------
// `cells` has one entry per caller: the eleven departments (each a demo account, see ACCOUNTS)
// and `anonymous` (no token). A route whose targets live in a division has two outcomes per
// caller, written `own|other`:
//   own   — the target is inside the caller's divisions (an institution in 三墩镇 330106109,
//           which every 西湖区 330106 account and street.330106109 covers); for `operator`: an
//           institution that operator.demo registered itself;
//   other — the target is in another district (环翠区 371002, 威海), registered by someone else.
// A route without a division dimension has one outcome.
//
// Outcomes
//   '200' '201' '204'  success with that status
//   '200+' / '200-'    a list answered 200 that does (+) / does not (-) contain the target
//   'DEPT'             403 DEPARTMENT_NOT_ALLOWED — the department may not do this at all
//   'DIV'              403 DIVISION_OUT_OF_SCOPE — allowed, but not outside its divisions
//   'OWNER'            403 FORBIDDEN — an operator touching an institution that is not its own
//   'AUTH'             401 UNAUTHENTICATED — no token
//   'PASS'             gets past the gateway's checks: not 401, not 403 DEPARTMENT_NOT_ALLOWED, not a
//                      5xx. Used in `level: 'gateway'` rows: routes whose service is not in the matrix
//                      stack yet (a stand-in answers its NATS subjects) or whose exact outcomes are not
//                      written down yet. When the service joins, turn the row into a `level: 'service'`
//                      row with exact outcomes and add its targets to the spec's TARGETS.
// Admin is the platform administrator: the gateway lets it through every department check and it
// covers every division, but decisions that belong by law to the district health bureau (备案审核,
// 普惠认定, 示范评定) are refused to it by the registry ('DEPT').

export const DEPARTMENTS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'operator', 'admin'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export type Caller = Department | 'anonymous';
export const CALLERS: readonly Caller[] = [...DEPARTMENTS, 'anonymous'];

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

export type Outcome = '200' | '201' | '204' | '200+' | '200-' | 'DEPT' | 'DIV' | 'OWNER' | 'AUTH' | 'PASS';
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

/**
 * Gateway-level row: the departments the route's @Departments() allows (and admin) pass, the others
 * 403 DEPARTMENT_NOT_ALLOWED, anonymous 401 — or, for `'public'`, everyone including anonymous passes.
 */
function gatewayOnly(method: Method, path: string, service: MatrixRow['service'], allowed: Department[] | 'all' | 'public', note?: string): MatrixRow {
  const cells = Object.fromEntries(
    CALLERS.map((c) => [
      c,
      allowed === 'public' ? 'PASS' : c === 'anonymous' ? 'AUTH' : allowed === 'all' || allowed.includes(c as Department) || c === 'admin' ? 'PASS' : 'DEPT',
    ]),
  ) as Record<Caller, Cell>;
  return { method, path, service, level: 'gateway', target: 'placeholder', cells, note };
}

const EVERYONE_200 = { health: '200', market: '200', civil: '200', fire: '200', police: '200', education: '200', hrss: '200', street: '200', finance: '200', operator: '200', admin: '200', anonymous: '200' } as const;
const ADMIN_ONLY_200 = { health: 'DEPT', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT', hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: '200', anonymous: 'AUTH' } as const;
/** Staff routes: every department refused (anonymous 401) unless a row says otherwise. */
const STAFF_WRITERS = { health: 'DEPT', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT', hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: 'DEPT', anonymous: 'AUTH' } as const;
/** Reading staff: the operator for its own institution; health, police, education, hrss, civil, market, street in their divisions; admin. */
const STAFF_READ_CELLS = {
  ...STAFF_WRITERS, health: '200|DIV', market: '200|DIV', civil: '200|DIV', police: '200|DIV', education: '200|DIV', hrss: '200|DIV', street: '200|DIV',
  operator: '200|OWNER', admin: '200|200',
} as const;
/** Reading credit: every department in its divisions, the operator its own institution, admin everywhere. */
const CREDIT_READ_CELLS = {
  ...STAFF_READ_CELLS, fire: '200|DIV', finance: '200|DIV',
} as const;
const SUBSIDY_READERS: Department[] = ['health', 'street', 'finance', 'civil', 'education', 'market'];
const INSPECTING: Department[] = ['health', 'market', 'fire', 'police', 'education', 'hrss', 'civil', 'street'];

export const AUTHORIZATION_MATRIX: MatrixRow[] = [
  // ── auth ─────────────────────────────────────────────────────────────────────────────────────
  {
    method: 'POST', path: '/api/v1/auth/token', service: 'gateway', level: 'service', target: 'login',
    cells: EVERYONE_200,
    note: 'Each column logs in with its own account (anonymous: as health.330106); no token needed.',
  },
  {
    method: 'POST', path: '/api/v1/auth/logout', service: 'gateway', level: 'service', target: 'logout',
    cells: { health: '204', market: '204', civil: '204', fire: '204', police: '204', education: '204', hrss: '204', street: '204', finance: '204', operator: '204', admin: '204', anonymous: 'AUTH' },
    note: 'Revokes the presented token: each cell logs in afresh for a throwaway token.',
  },

  // ── institutions 登记 ─────────────────────────────────────────────────────────────────────────
  {
    method: 'POST', path: '/api/v1/institutions', service: 'registry', level: 'service', target: 'newInstitution',
    cells: {
      health: 'DEPT', market: '201|DIV', civil: '201|DIV', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: '201|DIV', admin: '201|201', anonymous: 'AUTH',
    },
    note: 'Registered by the registration authority for its nature (市场监管 for-profit, 民政 non-profit: the body follows the column), the operator itself, or an admin; own/other = the divisionCode in the body.',
  },
  {
    method: 'GET', path: '/api/v1/institutions', service: 'registry', level: 'service', target: 'institutionList',
    cells: {
      health: '200+|200-', market: '200+|200-', civil: '200+|200-', fire: '200+|200-', police: '200+|200-', education: '200+|200-',
      hrss: '200+|200-', street: '200+|200-', finance: '200+|200-', operator: '200+|200-', admin: '200+|200+', anonymous: 'AUTH',
    },
    note: 'Every supervising department reads the register inside its divisions; an operator lists its own institutions.',
  },
  {
    method: 'GET', path: '/api/v1/institutions/{id}', service: 'registry', level: 'service', target: 'institution',
    cells: {
      health: '200|DIV', market: '200|DIV', civil: '200|DIV', fire: '200|DIV', police: '200|DIV', education: '200|DIV',
      hrss: '200|DIV', street: '200|DIV', finance: '200|DIV', operator: '200|OWNER', admin: '200|200', anonymous: 'AUTH',
    },
  },
  {
    method: 'PATCH', path: '/api/v1/institutions/{id}', service: 'registry', level: 'service', target: 'institution',
    cells: {
      health: 'DEPT', market: '200|DIV', civil: '200|DIV', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: '200|OWNER', admin: '200|200', anonymous: 'AUTH',
    },
    note: 'Changes go to the registration authority of the institution\'s nature (the target follows the column), the operator for its own, or an admin.',
  },

  // ── statuses 普惠 / 示范 / 注销 ─────────────────────────────────────────────────────────────────
  {
    method: 'POST', path: '/api/v1/institutions/{id}/inclusive', service: 'registry', level: 'service', target: 'filedInstitution',
    cells: {
      health: '200|DIV', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: 'DEPT', anonymous: 'AUTH',
    },
    note: '普惠认定 by the district health bureau (国卫办人口发〔2019〕25号); not even an admin.',
  },
  {
    method: 'POST', path: '/api/v1/institutions/{id}/demonstration', service: 'registry', level: 'service', target: 'filedInstitution',
    cells: {
      health: '200|DIV', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: 'DEPT', anonymous: 'AUTH',
    },
    note: '示范 designation by the district health bureau.',
  },
  {
    method: 'POST', path: '/api/v1/institutions/{id}/deregistration', service: 'registry', level: 'service', target: 'institution',
    cells: {
      health: '200|DIV', market: '200|DIV', civil: '200|DIV', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: '200|OWNER', admin: '200|200', anonymous: 'AUTH',
    },
    note: '注销 by the registration authority, the health bureau that files it, the operator, or an admin.',
  },

  // ── filings 备案 ──────────────────────────────────────────────────────────────────────────────
  {
    method: 'POST', path: '/api/v1/institutions/{id}/filings', service: 'registry', level: 'service', target: 'institution',
    cells: {
      health: 'DEPT', market: '201|DIV', civil: '201|DIV', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: '201|OWNER', admin: '201|201', anonymous: 'AUTH',
    },
    note: '备案 is submitted by the operator or on its behalf by the registration authority.',
  },
  {
    method: 'GET', path: '/api/v1/filings', service: 'registry', level: 'service', target: 'filingList',
    cells: {
      health: '200+|200-', market: '200+|200-', civil: '200+|200-', fire: '200+|200-', police: '200+|200-', education: '200+|200-',
      hrss: '200+|200-', street: '200+|200-', finance: '200+|200-', operator: '200+|200-', admin: '200+|200+', anonymous: 'AUTH',
    },
  },
  {
    method: 'GET', path: '/api/v1/filings/{id}', service: 'registry', level: 'service', target: 'submittedFiling',
    cells: {
      health: '200|DIV', market: '200|DIV', civil: '200|DIV', fire: '200|DIV', police: '200|DIV', education: '200|DIV',
      hrss: '200|DIV', street: '200|DIV', finance: '200|DIV', operator: '200|OWNER', admin: '200|200', anonymous: 'AUTH',
    },
  },
  {
    method: 'POST', path: '/api/v1/filings/{id}/decision', service: 'registry', level: 'service', target: 'submittedFiling',
    cells: {
      health: '200|DIV', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: 'DEPT', anonymous: 'AUTH',
    },
    note: '备案审核 by the district health bureau of the institution\'s district; not even an admin.',
  },
  {
    method: 'GET', path: '/api/v1/filings/{id}/receipt.pdf', service: 'registry', level: 'service', target: 'approvedFiling',
    cells: {
      health: '200|DIV', market: '200|DIV', civil: '200|DIV', fire: '200|DIV', police: '200|DIV', education: '200|DIV',
      hrss: '200|DIV', street: '200|DIV', finance: '200|DIV', operator: '200|OWNER', admin: '200|200', anonymous: 'AUTH',
    },
  },

  // ── public register 公示 (no login) ───────────────────────────────────────────────────────────
  { method: 'GET', path: '/api/v1/public/institutions', service: 'registry', level: 'service', target: 'publicList', cells: EVERYONE_200 },
  { method: 'GET', path: '/api/v1/public/institutions/{id}', service: 'registry', level: 'service', target: 'publicInstitution', cells: EVERYONE_200 },
  { method: 'GET', path: '/api/v1/public/receipts/{receiptNo}', service: 'registry', level: 'service', target: 'receiptNo', cells: EVERYONE_200 },

  // ── population 人口数据 and indicators 指标 ─────────────────────────────────────────────────────
  {
    method: 'PUT', path: '/api/v1/population', service: 'registry', level: 'service', target: 'populationRows',
    cells: {
      health: '200|DIV', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: '200|200', anonymous: 'AUTH',
    },
  },
  {
    method: 'POST', path: '/api/v1/population/import', service: 'registry', level: 'service', target: 'populationCsv',
    cells: {
      health: '200|DIV', market: 'DEPT', civil: 'DEPT', fire: 'DEPT', police: 'DEPT', education: 'DEPT',
      hrss: 'DEPT', street: 'DEPT', finance: 'DEPT', operator: 'DEPT', admin: '200|200', anonymous: 'AUTH',
    },
  },
  {
    method: 'GET', path: '/api/v1/population', service: 'registry', level: 'service', target: 'populationList',
    cells: {
      health: '200+|200-', market: '200+|200-', civil: '200+|200-', fire: '200+|200-', police: '200+|200-', education: '200+|200-',
      hrss: '200+|200-', street: '200+|200-', finance: '200+|200-', operator: '200+|200+', admin: '200+|200+', anonymous: 'AUTH',
    },
    note: 'Population figures are statistics, not personal data: operators (planning a site) see every division.',
  },
  {
    method: 'GET', path: '/api/v1/indicators', service: 'registry', level: 'service', target: 'indicators',
    cells: {
      health: '200|DIV', market: '200|DIV', civil: '200|DIV', fire: '200|DIV', police: '200|DIV', education: '200|DIV',
      hrss: '200|DIV', street: '200|DIV', finance: '200|DIV', operator: 'DEPT', admin: '200|200', anonymous: 'AUTH',
    },
    note: 'Own = the caller\'s own division code (street: its street), other = 371002.',
  },

  // ── calendar 工作日历 and audit 审计 ───────────────────────────────────────────────────────────
  {
    method: 'GET', path: '/api/v1/calendar/{year}', service: 'gateway', level: 'service', target: 'calendarYear',
    cells: { ...EVERYONE_200, anonymous: 'AUTH' },
  },
  { method: 'PUT', path: '/api/v1/calendar/{year}', service: 'gateway', level: 'service', target: 'calendarYear', cells: ADMIN_ONLY_200 },
  {
    method: 'GET', path: '/api/v1/audit', service: 'registry', level: 'service', target: 'auditTrail',
    cells: { ...ADMIN_ONLY_200, admin: '200|200' },
  },
  { method: 'GET', path: '/api/v1/audit/verify', service: 'gateway', level: 'service', target: 'none', cells: ADMIN_ONLY_200 },

  // ── admin: API clients 接口客户端 (machine credentials of department systems) ─────────────────────
  {
    method: 'POST', path: '/api/v1/admin/api-clients', service: 'gateway', level: 'service', target: 'newApiClient',
    cells: { ...ADMIN_ONLY_200, admin: '201' },
    note: 'Only the platform administrator gives a department system credentials (issue 11 §1); an API client can never be granted /api/v1/admin routes.',
  },
  { method: 'GET', path: '/api/v1/admin/api-clients', service: 'gateway', level: 'service', target: 'none', cells: ADMIN_ONLY_200 },
  { method: 'POST', path: '/api/v1/admin/api-clients/{id}/rotate', service: 'gateway', level: 'service', target: 'apiClient', cells: ADMIN_ONLY_200 },
  { method: 'POST', path: '/api/v1/admin/api-clients/{id}/revoke', service: 'gateway', level: 'service', target: 'apiClient', cells: ADMIN_ONLY_200 },

  // ── platform documents and health (public) ───────────────────────────────────────────────────
  { method: 'GET', path: '/health', service: 'gateway', level: 'service', target: 'none', cells: EVERYONE_200 },
  { method: 'GET', path: '/api/docs/asyncapi.json', service: 'gateway', level: 'service', target: 'none', cells: EVERYONE_200 },

  // ── staff 从业人员 (services/staff/src/access/staff-access.policy.ts; DOMAIN.md §2, §5) ──────────
  // own = an institution in 三墩镇 (for operator: its own), other = one in 环翠区 registered by admin.
  {
    method: 'POST', path: '/api/v1/institutions/{id}/staff', service: 'staff', level: 'service', target: 'staffInstitution',
    cells: { ...STAFF_WRITERS, health: '201|DIV', operator: '201|OWNER', admin: '201|201' },
    note: 'Registered by the institution\'s operator, the district health bureau (lead department) in its divisions, or an admin.',
  },
  {
    method: 'POST', path: '/api/v1/institutions/{id}/staff/import', service: 'staff', level: 'service', target: 'staffInstitution',
    cells: { ...STAFF_WRITERS, health: '200|DIV', operator: '200|OWNER', admin: '200|200' },
  },
  { method: 'GET', path: '/api/v1/institutions/{id}/staff', service: 'staff', level: 'service', target: 'staffInstitution', cells: STAFF_READ_CELLS },
  { method: 'GET', path: '/api/v1/institutions/{id}/staff-stats', service: 'staff', level: 'service', target: 'staffInstitution', cells: STAFF_READ_CELLS },
  { method: 'GET', path: '/api/v1/institutions/{id}/staff/credential-alerts', service: 'staff', level: 'service', target: 'staffInstitution', cells: STAFF_READ_CELLS },
  {
    method: 'GET', path: '/api/v1/staff-stats', service: 'staff', level: 'service', target: 'staffDivision',
    cells: { ...STAFF_READ_CELLS, operator: 'DEPT' },
    note: 'Own = the caller\'s own division code (street: its street), other = 371002; operators read their own institutions\' statistics only.',
  },
  {
    method: 'GET', path: '/api/v1/staff/rechecks/overdue', service: 'staff', level: 'service', target: 'staffInstitution', cells: STAFF_READ_CELLS,
    note: 'Asked for one institution (institutionId).',
  },
  { method: 'GET', path: '/api/v1/staff/{id}', service: 'staff', level: 'service', target: 'staffMember', cells: STAFF_READ_CELLS },
  {
    method: 'POST', path: '/api/v1/staff/{id}/end', service: 'staff', level: 'service', target: 'staffMember',
    cells: { ...STAFF_WRITERS, health: '200|DIV', operator: '200|OWNER', admin: '200|200' },
  },
  {
    method: 'POST', path: '/api/v1/staff/{id}/credentials', service: 'staff', level: 'service', target: 'staffMember',
    cells: { ...STAFF_WRITERS, health: '201|DIV', operator: '201|OWNER', admin: '201|201' },
  },
  {
    method: 'POST', path: '/api/v1/staff/{id}/rechecks', service: 'staff', level: 'service', target: 'staffMember',
    cells: { ...STAFF_WRITERS, health: '201|DIV', police: '201|DIV', operator: '201|OWNER', admin: '201|201' },
    note: 'Yearly re-check: the writers, and public security (the criminal-record query is its work) in its divisions.',
  },
  {
    method: 'POST', path: '/api/v1/staff/{id}/id-number', service: 'staff', level: 'service', target: 'staffMember',
    cells: { ...STAFF_WRITERS, health: '200|DIV', police: '200|DIV' },
    note: 'The full resident ID number: public security, or health one at a time with a reason (audited); not even an admin (个人信息保护法 第六条, minimum necessary).',
  },
  {
    method: 'POST', path: '/api/v1/bans', service: 'staff', level: 'service', target: 'newBan',
    cells: { ...STAFF_WRITERS, police: '201', health: '201', admin: '201' },
    note: '从业禁止 / 终身禁入 are entered by public security or health; the list is national (no division).',
  },
  { method: 'GET', path: '/api/v1/bans', service: 'staff', level: 'service', target: 'none', cells: { ...STAFF_WRITERS, police: '200', health: '200', admin: '200' } },
  {
    method: 'POST', path: '/api/v1/record-checks', service: 'staff', level: 'service', target: 'newRecordCheck',
    cells: { ...STAFF_WRITERS, police: '201', admin: '201' },
    note: 'Criminal-record query results are entered by public security.',
  },

  // ── credit 信用 (services/credit/src/access/credit-access.policy.ts; DOMAIN.md §2, §6) ───────────
  {
    method: 'GET', path: '/api/v1/credit/institutions/{id}', service: 'credit', level: 'service', target: 'creditInstitution', cells: CREDIT_READ_CELLS,
    note: 'Joint punishment needs every supervising department to see an institution\'s credit in its divisions; the operator its own.',
  },
  {
    method: 'GET', path: '/api/v1/credit/lists', service: 'credit', level: 'service', target: 'creditList',
    cells: { ...CREDIT_READ_CELLS, operator: 'DEPT' },
    note: '红黑名单 of a division: departments in their divisions (own = the caller\'s own division code, street: its street; other = 371002), not operators.',
  },
  { method: 'GET', path: '/api/v1/credit/models', service: 'credit', level: 'service', target: 'none', cells: { ...EVERYONE_200, anonymous: 'AUTH' } },
  {
    method: 'POST', path: '/api/v1/credit/institutions/{id}/repair-requests', service: 'credit', level: 'service', target: 'creditRepairable',
    cells: { ...STAFF_WRITERS, health: '201|DIV', operator: '201|OWNER' },
    note: '信用修复 asked by the operator for its own institution, or by the health bureau on its behalf in its divisions; not an admin.',
  },
  {
    method: 'GET', path: '/api/v1/credit/repair-requests', service: 'credit', level: 'service', target: 'repairRequestList',
    cells: { ...CREDIT_READ_CELLS, health: '200+|200-', market: '200+|200-', civil: '200+|200-', fire: '200+|200-', police: '200+|200-', education: '200+|200-', hrss: '200+|200-', street: '200+|200-', finance: '200+|200-', operator: '200+|200-', admin: '200+|200+' },
  },
  { method: 'GET', path: '/api/v1/credit/repair-requests/{id}', service: 'credit', level: 'service', target: 'repairRequest', cells: CREDIT_READ_CELLS },
  {
    method: 'POST', path: '/api/v1/credit/repair-requests/{id}/decision', service: 'credit', level: 'service', target: 'repairRequest',
    cells: { ...STAFF_WRITERS, health: '200|DIV' },
    note: 'Decided by the district health bureau of the institution (seed 004 attachment §(四)17: 区卫生健康局牵头); not even an admin.',
  },
  { method: 'GET', path: '/api/v1/public/credit/institutions', service: 'credit', level: 'service', target: 'publicCreditList', cells: EVERYONE_200 },
  { method: 'GET', path: '/api/v1/public/credit/institutions/{id}', service: 'credit', level: 'service', target: 'publicCredit', cells: EVERYONE_200 },

  // ── inspection 两张清单 / 双随机 / 综合查一次 / 整改 / 处罚 / 投诉 (gateway level until the inspection
  //    service joins the matrix stack) ──────────────────────────────────────────────────────────
  gatewayOnly('GET', '/api/v1/checklists', 'inspection', 'all'),
  gatewayOnly('POST', '/api/v1/checklists', 'inspection', INSPECTING, 'A new version of a department\'s two lists (检查事项 / 处罚事项).'),
  gatewayOnly('POST', '/api/v1/inspectors', 'inspection', INSPECTING),
  gatewayOnly('GET', '/api/v1/inspectors', 'inspection', 'all'),
  gatewayOnly('POST', '/api/v1/inspectors/{id}/conflicts', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/inspection-plans', 'inspection', ['street', 'health']),
  gatewayOnly('GET', '/api/v1/inspection-plans', 'inspection', 'all'),
  gatewayOnly('POST', '/api/v1/inspection-plans/{id}/draw', 'inspection', ['street', 'health']),
  gatewayOnly('GET', '/api/v1/inspection-plans/{id}', 'inspection', 'all'),
  gatewayOnly('POST', '/api/v1/inspections', 'inspection', INSPECTING),
  gatewayOnly('GET', '/api/v1/inspections', 'inspection', 'all'),
  gatewayOnly('GET', '/api/v1/inspections/{id}', 'inspection', 'all'),
  gatewayOnly('GET', '/api/v1/inspections/{id}/form', 'inspection', 'all'),
  gatewayOnly('PUT', '/api/v1/inspections/{id}/results', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/inspections/{id}/sign-off', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/inspections/{id}/reinspection', 'inspection', INSPECTING),
  gatewayOnly('GET', '/api/v1/inspections/{id}/notice', 'inspection', 'all'),
  gatewayOnly('GET', '/api/v1/rectifications', 'inspection', 'all'),
  gatewayOnly('GET', '/api/v1/rectifications/{id}', 'inspection', 'all'),
  gatewayOnly('POST', '/api/v1/rectifications/{id}/verify', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/rectifications/{id}/report', 'inspection', ['operator'], 'The operator reports its rectification.'),
  gatewayOnly('POST', '/api/v1/penalties', 'inspection', INSPECTING),
  gatewayOnly('GET', '/api/v1/penalties', 'inspection', 'all'),
  gatewayOnly('POST', '/api/v1/self-inspections', 'inspection', ['operator']),
  gatewayOnly('GET', '/api/v1/self-inspections', 'inspection', 'all'),
  gatewayOnly('GET', '/api/v1/self-inspections/form', 'inspection', 'all'),
  gatewayOnly('GET', '/api/v1/complaints', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/complaints/{id}/triage', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/complaints/{id}/outcome', 'inspection', INSPECTING),
  gatewayOnly('POST', '/api/v1/public/complaints', 'inspection', 'public', '投诉举报 without login.'),
  gatewayOnly('GET', '/api/v1/public/complaints', 'inspection', 'public'),
  gatewayOnly('GET', '/api/v1/public/inspection-plans', 'inspection', 'public'),
  gatewayOnly('GET', '/api/v1/public/inspection-plans/{id}', 'inspection', 'public'),
  gatewayOnly('GET', '/api/v1/public/inspections', 'inspection', 'public'),
  gatewayOnly('GET', '/api/v1/public/inspections/{id}', 'inspection', 'public'),
  gatewayOnly('GET', '/api/v1/public/checklists', 'inspection', 'public'),

  // ── enrolment and subsidy 收托名册 / 补助 (gateway level until the subsidy service joins the matrix stack) ──
  gatewayOnly('PUT', '/api/v1/institutions/{id}/rosters/{month}', 'subsidy', ['operator'], '收托名册 by the operator (admin may correct).'),
  gatewayOnly('PUT', '/api/v1/institutions/{id}/rosters/{month}/upload', 'subsidy', ['operator']),
  gatewayOnly('GET', '/api/v1/institutions/{id}/rosters/{month}', 'subsidy', ['operator', ...SUBSIDY_READERS]),
  gatewayOnly('GET', '/api/v1/subsidy/policies', 'subsidy', 'all'),
  gatewayOnly('POST', '/api/v1/subsidy/policies', 'subsidy', ['health', 'finance'], 'A new version of a policy (rules as data).'),
  gatewayOnly('POST', '/api/v1/subsidy/runs', 'subsidy', ['health']),
  gatewayOnly('GET', '/api/v1/subsidy/runs', 'subsidy', SUBSIDY_READERS),
  gatewayOnly('GET', '/api/v1/subsidy/runs/{id}', 'subsidy', SUBSIDY_READERS),
  gatewayOnly('GET', '/api/v1/subsidy/runs/{id}/lines', 'subsidy', ['operator', ...SUBSIDY_READERS]),
  gatewayOnly('GET', '/api/v1/subsidy/runs/{id}/institutions', 'subsidy', SUBSIDY_READERS),
  gatewayOnly('GET', '/api/v1/subsidy/runs/{id}/export.xlsx', 'subsidy', SUBSIDY_READERS),
  gatewayOnly('POST', '/api/v1/subsidy/runs/{id}/approvals', 'subsidy', ['street', 'health', 'finance'], 'Approval in turn: street, health bureau, finance.'),
  gatewayOnly('GET', '/api/v1/subsidy/ledger', 'subsidy', ['operator', ...SUBSIDY_READERS]),

  // ── evidence 取证 (kept by the gateway; exact cells to be written with the inspection rows) ──────
  gatewayOnly('POST', '/api/v1/evidence', 'gateway', ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'operator']),
  gatewayOnly('GET', '/api/v1/evidence', 'gateway', 'all'),
  gatewayOnly('GET', '/api/v1/evidence/{id}', 'gateway', 'all'),
  gatewayOnly('GET', '/api/v1/evidence/{id}/file', 'gateway', 'all'),
];

/** `METHOD path`, the key rows and OpenAPI operations are matched on. */
export const routeKey = (row: { method: string; path: string }) => `${row.method.toUpperCase()} ${row.path}`;

/** The outcome of a cell for a scope (`own` when the route has no division dimension). */
export function outcomeOf(cell: Cell, scope: 'own' | 'other'): Outcome {
  const [own, other] = cell.split('|') as [Outcome, Outcome | undefined];
  return scope === 'other' ? (other ?? own) : own;
}

export const hasScopes = (row: MatrixRow) => Object.values(row.cells).some((c) => c.includes('|'));
