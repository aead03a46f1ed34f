// Bad-input fuzzing (issue 9 §2): property-based (fast-check), at least 10,000 malformed requests
// (SHANYU_FUZZ_REQUESTS, default 10,000) across every write route of the OpenAPI document, through
// the gateway in this process (supertest) to the six services over NATS. Every request is malformed by
// construction — a defect derived from the route's JSON Schema (wrong type, missing required field,
// out of range, too long, not in the enum, invalid code, unknown field, NUL or broken Unicode,
// runaway nesting, not an object, not JSON, wrong media type, over 1 MB), a wrong or malformed id,
// or a token that must be refused (none, forged, expired, revoked, another department's or
// district's) — often with injection strings ('; DROP TABLE, <script>, ../../, …) in the free-text
// fields as well. Each defect starts from a valid request (BASES, each checked to succeed once on a
// spare target), so a request that gets through the gateway reaches the service's own checks. It
// asserts: no 5xx; no 2xx; every reply has a stable `code` and a message, and a 400 has `details`
// naming a field; and afterwards the content of every table of every service's schema (registry,
// gateway, staff, credit, inspection, subsidy — outbox, audit_log and login counters included) and
// the JetStream EVENTS stream are exactly as before.
import { randomInt, randomUUID } from 'node:crypto';
import { addDays, makeResidentId, shanghaiToday, SYSTEM_ACTOR } from '@shanyu/common';
import * as contracts from '@shanyu/contracts';
import type { RunningCredit } from '@shanyu/credit';
import type { RunningInspection } from '@shanyu/inspection';
import type { RunningStaff } from '@shanyu/staff';
import type { RunningSubsidy } from '@shanyu/subsidy';
import { DEMO_JWT_SECRET } from '@shanyu/gateway';
import {
  compliantFilingSubmission,
  eventually,
  institutionRequest,
  lifetimeBanMatched,
  creditGradingBody,
  ruleDocumentRequest,
  testStackSecrets,
  uniqueSchema,
} from '@shanyu/testing';
import { jetstream } from '@nats-io/jetstream';
import { JwtService } from '@nestjs/jwt';
import type { NatsConnection } from '@nats-io/transport-node';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, AUTHORIZATION_MATRIX, type Department, type MatrixRow, outcomeOf, routeKey } from '../authz/authorization-matrix.js';
import { type Stack, startTestStack, TEST_DEMO_PASSWORD as DEMO_PASSWORD } from '../support/stack.js';

const TOTAL = Number(process.env.SHANYU_FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.SHANYU_FUZZ_SEED ?? Date.now() % 2_147_483_647);
const CONCURRENCY = Number(process.env.SHANYU_FUZZ_CONCURRENCY ?? 6);

// ── JSON Schema (as the OpenAPI document has it) ──────────────────────────────────────────────
interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  format?: string;
  oneOf?: Schema[];
}
interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, Schema> };
}

/** A property of a body, with its path (as `details[].field` names it) and its schema. */
interface Prop {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
  present: boolean;
}

const INJECTIONS = [
  "'; DROP TABLE institution; --",
  "' OR '1'='1' --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(5)',
  "Robert'); DROP TABLE outbox;--",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '#{7*7}',
  '%s%s%s%n',
  '$(reboot)',
  '`id`',
  '{"$gt":""}',
  '$where',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '０１２３',
  '\u202e\u0635\u0648\u0631',
  'ＳＥＬＥＣＴ',
  '\t\r\n',
  ' ',
  '🙂👶🏻',
  '\ufeff',
  '\u200b',
];
/** Strings that break text fields as such (refused by the input hygiene before any class is built). */
const BROKEN_TEXT = ['a\u0000b', '\u0000', 'x\ud800y', '\udc00', "'; DROP TABLE x;\u0000--"];

const semanticallyInvalid = (name: string): string[] | undefined => {
  if (name === 'uscc')
    return ['91330106MA2CDX001', '91330106MA2CDX00100', 'I1330106MA2CDX0010', '91330106MA2CDX00O!', "9133'; DROP--", '９１３３０１０６ＭＡ２ＣＤＸ００１Ｐ'];
  if (name === 'divisionCode') return ['999999', '000000', '33010', '3301061091234', 'abcdef', '330106999', "330106' OR 1=1", '../330106'];
  if (/^date$|Date$|On$/.test(name)) return ['2026-02-30', '2026-13-01', '26-1-1', 'yesterday', '2026/01/01', "2026-01-01'; --"];
  if (name === 'idNumber') return ['11010119900307123', '1101011990030712345', 'ABCDEFGHIJKLMNOPQR', '110101199013071234', "110101' OR 1=1 --"];
  return undefined;
};

function resolve(schema: Schema | undefined, doc: OpenApi): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').at(-1)!], doc);
  // One of several bodies (the token request: a login or a client credentials grant): defects start from the first.
  if (schema.oneOf?.length) return resolve(schema.oneOf[0], doc);
  return schema;
}

/**
 * Fields the contract class fills in when absent (`older: number = 0`): the schema lists them as
 * required, but leaving them out is not a defect. Read from the contract class of the same name.
 */
function defaultedFields(schema: Schema | undefined): Set<string> {
  const name = schema?.$ref?.split('/').at(-1);
  const cls = name ? (contracts as unknown as Record<string, unknown>)[name] : undefined;
  if (typeof cls !== 'function') return new Set();
  try {
    const instance = new (cls as new () => Record<string, unknown>)();
    return new Set(Object.keys(instance).filter((k) => instance[k] !== undefined));
  } catch {
    return new Set();
  }
}

/** Every property of the schema, recursing into the objects (and first array items) the base body has. */
function propsOf(schema: Schema, base: unknown, doc: OpenApi, path: (string | number)[] = [], depth = 0): Prop[] {
  const s = resolve(schema, doc);
  if (!s.properties || depth > 4) return [];
  const defaulted = defaultedFields(schema);
  const out: Prop[] = [];
  for (const [name, raw] of Object.entries(s.properties)) {
    const p = resolve(raw, doc);
    const value = (base as Record<string, unknown> | undefined)?.[name];
    const required = (s.required ?? []).includes(name) && !defaulted.has(name);
    out.push({ path: [...path, name], schema: p.type ? p : { ...p, type: p.properties ? 'object' : undefined }, required, present: value !== undefined });
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push(...propsOf(raw, value, doc, [...path, name], depth + 1));
    if (Array.isArray(value) && value.length && p.items) {
      const item = resolve(p.items, doc);
      if (item.properties) out.push(...propsOf(p.items, value[0], doc, [...path, name, 0], depth + 1));
    }
  }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);
function setAt(obj: unknown, path: (string | number)[], value: unknown): void {
  let o = obj as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    if (o[key] === undefined || o[key] === null || typeof o[key] !== 'object') o[key] = typeof key === 'number' ? [] : {};
    o = o[key] as Record<string | number, unknown>;
  }
  o[path.at(-1)!] = value;
}
function deleteAt(obj: unknown, path: (string | number)[]): void {
  let o = obj as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) o = o[key] as Record<string | number, unknown>;
  delete o[path.at(-1)!];
}
const isFreeText = (p: Prop) =>
  p.schema.type === 'string' && !p.schema.enum && !p.schema.pattern && !p.schema.format && !semanticallyInvalid(String(p.path.at(-1)));

// ── what one generated request is ─────────────────────────────────────────────────────────────
interface FuzzRequest {
  kind: string;
  params: Record<string, string>;
  /** A JSON value (sent as JSON) or, with `raw`, the exact text. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  token: string | null;
}

interface RouteSpec {
  key: string;
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
  params: string[];
  bodySchema?: Schema;
  contentType: string;
  /** Its row in the authorization matrix (the service that acts on it, who may call it). */
  row?: MatrixRow;
}

describe('bad-input fuzzing: malformed requests on every write route give no 5xx, a code naming the field, and change nothing', () => {
  let stack: Stack;
  // Every service joins the stack: each write route is fuzzed through to the service that acts on it.
  let staff: RunningStaff;
  let credit: RunningCredit;
  let inspection: RunningInspection;
  let subsidy: RunningSubsidy;
  const staffSchema = uniqueSchema('staff');
  const creditSchema = uniqueSchema('credit');
  const inspectionSchema = uniqueSchema('inspection');
  const subsidySchema = uniqueSchema('subsidy');
  let idSerial = randomInt(100, 900);
  const newIdNumber = () => makeResidentId(`33010619870412${(idSerial = idSerial >= 999 ? 100 : idSerial + 1)}`);
  let childSerial = randomInt(100, 900);
  /** A child's ID number (born 400 days ago, so in every month the fixtures use), new each call. */
  const childIdNumber = () =>
    makeResidentId(`330106${addDays(shanghaiToday(), -400).replace(/-/g, '')}${(childSerial = childSerial >= 999 ? 100 : childSerial + 1)}`);
  const today = shanghaiToday();
  /** The month `n` months before this one (Asia/Shanghai), YYYY-MM. */
  const monthsAgo = (n: number) => {
    const m = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  };
  let doc: OpenApi;
  let nc: NatsConnection | undefined;
  const tokens = new Map<string, string>();
  const refusedTokens: Record<string, string> = {};
  const targets: Record<string, string> = {};
  const tally = new Map<string, number>();
  const perRoute = new Map<string, number>();
  const codes = new Map<string, number>();
  let sent = 0;

  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  /**
   * The row count and a hash of the whole content of every table of every service's schema, and the
   * EVENTS stream. No table is left out: a refused request records nothing (the token route's defects
   * never reach the password check, so login_failure is unchanged too).
   */
  const snapshot = async () => {
    const tables: Record<string, string> = {};
    const services = [
      ['registry', stack.registry.runtime.dataSource, stack.schemas.registry],
      ['gateway', stack.gateway.runtime.dataSource, stack.schemas.gateway],
      ['staff', staff.runtime.dataSource, staffSchema],
      ['credit', credit.runtime.dataSource, creditSchema],
      ['inspection', inspection.runtime.dataSource, inspectionSchema],
      ['subsidy', subsidy.runtime.dataSource, subsidySchema],
    ] as const;
    for (const [service, ds, schema] of services) {
      const names: { table_name: string }[] = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
        [schema],
      );
      for (const { table_name } of names) {
        const key = `${service}.${table_name}`;
        const [row] = await ds.query(
          `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${schema}"."${table_name}" t`,
        );
        tables[key] = `${row.n} rows, md5 ${row.h}`;
      }
    }
    const info = await stack.registry.runtime.jsm.streams.info(contracts.EVENT_STREAM);
    return { tables, events: { messages: info.state.messages, lastSeq: info.state.last_seq } };
  };

  /** Every outbox relayed, every consumer caught up, no subsidy run still computing. */
  const waitForRelays = async () => {
    await stack.settled(60_000);
    await eventually(
      'the subsidy runs to compute',
      async () => (await stack.sql<{ n: number }>('subsidy', `SELECT count(*)::int AS n FROM $schema.run WHERE status = 'computing'`))[0]!.n === 0,
      60_000,
    );
    await stack.settled(60_000); // and what the finished runs announced
  };

  // ── valid requests each route's defects start from ────────────────────────────────────────
  /** A valid request of a route: its body, path parameters and caller (a department's demo account, or `as` a named login). */
  interface Base {
    body: () => unknown;
    params?: () => Record<string, string>;
    caller?: Department;
    /** The login that makes the request valid when it is not the department's demo account (an assigned inspector). */
    as?: string;
    /** No JSON request is valid (a file upload): the parameters are, so body defects reach the upload's own checks. */
    uploadOnly?: true;
  }
  let fireChecklist: Record<string, unknown>;
  const inspectionOf = (department: 'fire', inspectorIds: string[]) => [{ department, inspectorIds }];
  /** Write routes without a body: only their token can be wrong (logout, an identity token for NATS). */
  const BODYLESS = ['POST /api/v1/auth/logout', 'POST /api/v1/auth/nats-token'];

  const BASES: Record<string, Base> = {
    'POST /api/v1/auth/token': { body: () => ({ username: 'admin', password: DEMO_PASSWORD }) },
    'POST /api/v1/institutions': { body: () => institutionRequest({ name: `模糊测试${randomUUID().slice(0, 6)}托育园` }), caller: 'market' },
    'PATCH /api/v1/institutions/{id}': {
      body: () => ({ address: '杭州市西湖区三墩镇模糊路 1 号', reason: '模糊测试', expectedVersion: 1 }),
      params: () => ({ id: targets.institution }),
      caller: 'market',
    },
    'POST /api/v1/institutions/{id}/inclusive': {
      body: () => ({ action: 'grant', priceCapFen: 180_000, inclusivePlaces: 20, decisionNo: '西卫〔2026〕1号' }),
      params: () => ({ id: targets.filedInstitution }),
      caller: 'health',
    },
    'POST /api/v1/institutions/{id}/demonstration': {
      body: () => ({ year: 2026, decisionNo: '西卫〔2026〕2号' }),
      params: () => ({ id: targets.filedInstitution }),
      caller: 'health',
    },
    'POST /api/v1/institutions/{id}/deregistration': {
      body: () => ({ reason: '停止办学', effectiveOn: shanghaiToday() }),
      params: () => ({ id: targets.institution }),
      caller: 'market',
    },
    'POST /api/v1/institutions/{id}/filings': { body: () => compliantFilingSubmission(), params: () => ({ id: targets.institution }), caller: 'market' },
    'POST /api/v1/filings/{id}/decision': {
      body: () => ({ decision: 'reject', reasons: [{ ruleId: 'ONE_KEY_ALARM', text: '一键报警未联网' }], comment: '模糊测试' }),
      params: () => ({ id: targets.submittedFiling }),
      caller: 'health',
    },
    'PUT /api/v1/population': {
      body: () => ({ rows: [{ divisionCode: '330106109', year: 2024, residentPopulation: 160_000, childrenUnder3: 4_100, source: '三墩镇统计' }] }),
      caller: 'health',
    },
    'PUT /api/v1/calendar/{year}': {
      body: () => ({ source: '模糊测试安排', entries: [{ date: '2032-01-01', kind: 'holiday', name: '元旦' }] }),
      params: () => ({ year: '2032' }),
      caller: 'admin',
    },
    'POST /api/v1/admin/api-clients': {
      body: () => ({ name: '模糊测试系统', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'] }),
      caller: 'admin',
    },
    'POST /api/v1/admin/api-clients/{id}/rotate': { body: () => ({ overlapSeconds: 60 }), params: () => ({ id: targets.apiClient }), caller: 'admin' },
    'POST /api/v1/admin/api-clients/{id}/revoke': { body: () => ({ reason: '模糊测试' }), params: () => ({ id: targets.apiClient }), caller: 'admin' },
    'POST /api/v1/admin/login-lockouts/unlock': { body: () => ({ username: 'fuzz.locked', reason: '模糊测试' }), caller: 'admin' },
    // staff (从业人员): a staff member hired by the health bureau at an institution of 三墩镇
    'POST /api/v1/institutions/{id}/staff': {
      body: () => ({
        name: '模糊测试员工',
        idNumber: newIdNumber(),
        role: 'carer',
        employmentType: 'full_time',
        classType: 'toddler',
        className: '托小一班',
        startDate: '2026-01-05',
      }),
      params: () => ({ id: targets.staffInstitution }),
      caller: 'health',
    },
    'POST /api/v1/staff/{id}/end': { body: () => ({ endDate: today, reason: '合同到期' }), params: () => ({ id: targets.staffMember }), caller: 'health' },
    'POST /api/v1/staff/{id}/credentials': {
      body: () => ({ type: 'health_certificate', number: `JK-${randomInt(1e6)}`, issuer: '西湖区疾控中心', issuedOn: '2026-01-04' }),
      params: () => ({ id: targets.staffMember }),
      caller: 'health',
    },
    'POST /api/v1/staff/{id}/rechecks': {
      body: () => ({ checkedOn: today, result: 'no_record', authority: '杭州市公安局西湖区分局', documentNo: `XH-${randomInt(1e6)}` }),
      params: () => ({ id: targets.staffMember }),
      caller: 'health',
    },
    'POST /api/v1/staff/{id}/id-number': { body: () => ({ reason: '核对年度健康检查名单' }), params: () => ({ id: targets.staffMember }), caller: 'health' },
    'POST /api/v1/bans': {
      body: () => ({
        name: '模糊禁入',
        idNumber: newIdNumber(),
        kind: 'time_limited',
        startsOn: today,
        endsOn: '2031-12-31',
        authority: '杭州市西湖区人民法院',
        documentNo: `（2026）浙0106刑初${randomInt(1e6)}号`,
        reason: '虐待被看护人',
      }),
      caller: 'police',
    },
    'POST /api/v1/record-checks': {
      body: () => ({
        name: '模糊查询',
        idNumber: newIdNumber(),
        checkedOn: today,
        result: 'no_record',
        authority: '杭州市公安局西湖区分局',
        documentNo: `XH-${randomInt(1e6)}`,
      }),
      caller: 'police',
    },
    // credit (信用): a repairable entry (a ban matched 100 days ago) and a pending repair request
    'POST /api/v1/credit/institutions/{id}/repair-requests': {
      body: () => ({ entryIds: [targets.creditEntry], reason: '已辞退涉事人员并完成全员培训' }),
      params: () => ({ id: targets.staffInstitution }),
      caller: 'health',
    },
    'POST /api/v1/credit/repair-requests/{id}/decision': {
      body: () => ({ decision: 'approve', reason: '整改到位，同意修复' }),
      params: () => ({ id: targets.repairRequest }),
      caller: 'health',
    },
    // 严重失信主体名单认定: notified on a ban matched (a grounding fact); the operator states its case; health decides once stated.
    'POST /api/v1/credit/institutions/{id}/listings': {
      body: () => ({ entryIds: [targets.listingEntry], facts: '模糊测试：聘用从业禁止人员，已责令改正' }),
      params: () => ({ id: targets.staffInstitution }),
      caller: 'health',
    },
    'POST /api/v1/credit/listings/{id}/statement': {
      body: () => ({ statement: '模糊测试：涉事人员已辞退，请求不予列入' }),
      params: () => ({ id: targets.listing }),
      caller: 'operator',
    },
    'POST /api/v1/credit/listings/{id}/decision': {
      body: () => ({ decision: 'list', decisionNo: '模糊测试〔2026〕1号', reason: '事实清楚，依据充分' }),
      params: () => ({ id: targets.statedListing }),
      caller: 'health',
    },
    // inspection (两张清单 / 双随机 / 综合查一次 / 整改 / 处罚 / 投诉): the fire department's inspectors and lists,
    // institutions filed in 三墩镇 (the operator's own where it acts), visits open, recorded and completed with findings.
    'POST /api/v1/checklists': {
      // 西湖区's own fire list (a district bureau publishes for its district), one item of its own.
      body: () => ({
        ...structuredClone(fireChecklist),
        jurisdiction: '330106',
        version: `fire-330106/2090.${randomInt(1, 1000)}`,
        effectiveFrom: '2090-01-01',
        inspectionItems: [{ ...structuredClone((fireChecklist.inspectionItems as object[])[0]!), code: 'FIRE-90' }],
      }),
      caller: 'fire',
    },
    'POST /api/v1/supervision-policies': {
      body: () => {
        const sources = [{ title: '西湖区托育机构双随机抽查工作方案', documentNo: '模糊〔2090〕1号' }];
        return {
          documentKey: 'supervision-policy-330106',
          version: `supervision-policy-330106/2090.${randomInt(1, 1000)}`,
          jurisdiction: '330106',
          title: '西湖区托育机构双随机抽查比例（模糊测试）',
          sources,
          effectiveFrom: addDays('2090-01-01', randomInt(1, 3000)),
          rules: [
            {
              key: 'samplingRatios',
              composition: 'replaces',
              title: '西湖区抽查比例',
              sources,
              body: { parameter: 'samplingRatios', value: { A: 0.1, B: 0.2, C: 0.4, D: 1 } },
            },
          ],
        };
      },
      caller: 'market',
    },
    'POST /api/v1/inspectors': {
      body: () => ({ department: 'fire', name: '模糊测试执法员', badgeNo: `FZ-${randomInt(1e9)}`, divisionCodes: ['330106'] }),
      caller: 'fire',
    },
    'POST /api/v1/inspectors/{id}/conflicts': {
      body: () => ({ institutionId: targets.ownInstitution, reason: '近亲属在该机构任职' }),
      params: () => ({ id: targets.inspector }),
      caller: 'fire',
    },
    'POST /api/v1/inspection-plans': {
      body: () => ({
        title: '模糊测试抽查计划',
        divisionCode: '330106109',
        periodFrom: today,
        periodTo: addDays(today, 60),
        departments: ['fire'],
        inspectorsPerDepartment: 2,
        ratios: { A: 0.05, B: 0.1, C: 0.3, D: 1 },
      }),
      caller: 'health',
    },
    'POST /api/v1/inspection-plans/{id}/draw': {
      body: () => ({ publicEntropy: '模糊测试见证人报数 581' }),
      params: () => ({ id: targets.plan }),
      caller: 'health',
    },
    'POST /api/v1/inspections': {
      body: () => ({
        institutionId: targets.uninspected,
        kind: 'adhoc',
        scheduledOn: today,
        departments: inspectionOf('fire', [targets.fire1, targets.fire2]),
      }),
      caller: 'fire',
    },
    'PUT /api/v1/inspections/{id}/results': {
      body: () => ({
        results: [
          {
            itemCode: 'FIRE-01',
            result: 'pass',
            note: '疏散通道畅通',
            evidence: [{ ref: 'sha256:9f2c41d0e3', takenAt: '2026-09-30T10:20:00+08:00', location: '二楼东侧安全出口' }],
          },
        ],
      }),
      params: () => ({ id: targets.openInspection }),
      caller: 'fire',
      as: 'fire.inspector1',
    },
    'POST /api/v1/inspections/{id}/results/{itemCode}/resolution': {
      body: () => ({ versionId: randomUUID(), reason: '现场复核后以消防检查员记录为准' }),
      params: () => ({ id: targets.openInspection, itemCode: 'FIRE-01' }),
      caller: 'fire',
    },
    'POST /api/v1/inspections/{id}/late-results/{versionId}/decision': {
      body: () => ({ decision: 'accept', reason: '签字前已在现场记录' }),
      params: () => ({ id: targets.openInspection, versionId: randomUUID() }),
      caller: 'fire',
    },
    'POST /api/v1/inspections/{id}/sign-off': {
      body: () => ({ comment: '已现场核查' }),
      params: () => ({ id: targets.recordedInspection }),
      caller: 'fire',
      as: 'fire.inspector1',
    },
    'POST /api/v1/inspections/{id}/reinspection': {
      body: () => ({ scheduledOn: addDays(today, 7) }),
      params: () => ({ id: targets.completedInspection }),
      caller: 'fire',
    },
    'POST /api/v1/rectifications/{id}/verify': {
      body: () => ({ outcome: 'corrected', note: '已清理疏散通道，核对现场照片' }),
      params: () => ({ id: targets.finding }),
      caller: 'fire',
    },
    'POST /api/v1/rectifications/{id}/report': {
      body: () => ({ text: '已更换灭火器，附购买凭证', evidence: [{ ref: '发票 2026-118', takenAt: '2026-10-12T09:00:00+08:00', location: '一楼门厅' }] }),
      params: () => ({ id: targets.reportableFinding }),
      caller: 'operator',
    },
    'POST /api/v1/penalties': {
      body: () => ({
        findingId: targets.finding,
        penaltyItemCode: 'PFIRE-01',
        kinds: ['fine'],
        fineFen: 1_000_000,
        decisionNo: `西消行罚决字〔2026〕${randomInt(1e6)}号`,
        reason: '占用疏散通道',
      }),
      caller: 'fire',
    },
    'POST /api/v1/self-inspections': {
      body: () => ({
        institutionId: targets.ownInstitution,
        results: [
          { itemCode: 'FIRE-04', result: 'fail', note: '两具灭火器过期，已报修' },
          { itemCode: 'FIRE-01', result: 'pass' },
        ],
      }),
      caller: 'operator',
    },
    'POST /api/v1/complaints/{id}/triage': {
      body: () => ({ decision: 'accept', reason: '属于食品安全监管职责，予以受理' }),
      params: () => ({ id: targets.receivedComplaint }),
      caller: 'market',
    },
    'POST /api/v1/complaints/{id}/outcome': {
      body: () => ({ substantiated: true, summary: '经现场检查，午餐未留样属实，已责令整改' }),
      params: () => ({ id: targets.acceptedComplaint }),
      caller: 'market',
    },
    'POST /api/v1/public/complaints': {
      body: () => ({
        institutionId: targets.ownInstitution,
        category: 'food',
        description: '家长反映午餐没有留样',
        occurredOn: today,
        contact: { name: '王小明', phone: '13800138000' },
      }),
    },
    // subsidy (收托名册 / 补助): a filed 普惠 institution of the operator, rosters and computed runs of past months.
    'PUT /api/v1/institutions/{id}/rosters/{month}': {
      body: () => ({
        openDays: 21,
        children: [{ rowNumber: 1, idNumber: childIdNumber(), birthOrder: 2, classType: 'toddler', careForm: 'full_day', daysAttended: 20 }],
        reason: '模糊测试',
      }),
      params: () => ({ id: targets.rosterInstitution, month: monthsAgo(1) }),
      caller: 'operator',
    },
    'PUT /api/v1/institutions/{id}/rosters/{month}/upload': {
      body: () => ({}),
      params: () => ({ id: targets.rosterInstitution, month: monthsAgo(1) }),
      caller: 'operator',
      uploadOnly: true,
    },
    'POST /api/v1/subsidy/policies': {
      body: () => {
        const key = `fuzz-${randomInt(1e9)}`;
        return {
          policyKey: key,
          version: `${key}/2026.1`,
          divisionCode: '330106',
          title: '西湖区托育补助（模糊测试）',
          source: '测试用区级文件',
          effectiveFrom: '2090-01',
          effectiveTo: '2090-12',
          eligibility: { filed: { source: '国卫办人口发〔2019〕25号' } },
          rules: [
            {
              id: 'FLAT',
              kind: 'per_child_by_class',
              title: '区级托育补助',
              params: { amountFenByClass: { infant: 20_000, toddler: 20_000, older: 20_000 }, careFormFactorBp: { full_day: 10_000 }, attendanceProRata: true },
              requires: ['filed'],
              source: '测试：每人每月 200 元',
            },
          ],
          budget: { annualCapFen: 100_000, rules: ['FLAT'], method: 'pro_rata_largest_remainder', source: '测试：年度预算 1,000 元' },
        };
      },
      caller: 'health',
    },
    'POST /api/v1/filing-standards': {
      body: () =>
        ruleDocumentRequest({
          documentKey: `fuzz-${randomInt(1e9)}`,
          jurisdiction: '330106',
          title: '西湖区备案补充要求（模糊测试）',
          effectiveFrom: '2090-01-01',
          source: { title: '测试用区级文件', documentNo: '测〔2090〕1号' },
          rule: {
            key: 'OBSERVATION_ROOM',
            title: '测试：保健观察室面积',
            body: { kind: 'min_fact', params: { fact: 'observationRoomM2', min: 8, unit: 'm²' } },
          },
        }),
      caller: 'health',
    },
    'POST /api/v1/indicator-targets': {
      body: () =>
        ruleDocumentRequest({
          documentKey: `fuzz-${randomInt(1e9)}`,
          jurisdiction: '330106',
          title: '西湖区发展目标（模糊测试）',
          effectiveFrom: '2090-01-01',
          source: { title: '测试用区级文件', documentNo: '测〔2090〕1号' },
          rule: { key: 'placesPer1000', title: '测试：每千人口托位数', body: { indicator: 'placesPer1000', value: 5, direction: 'atLeast', byYear: 2090 } },
        }),
      caller: 'health',
    },
    'POST /api/v1/staff/rules': {
      body: () =>
        ruleDocumentRequest({
          documentKey: `fuzz-${randomInt(1e9)}`,
          jurisdiction: '330106',
          title: '西湖区从业人员规则（模糊测试）',
          effectiveFrom: '2090-01-01',
          source: { title: '测试用区级文件', documentNo: '测〔2090〕1号' },
          rule: { key: 'ratio.toddler', title: '测试：托小班师生比 1:4', body: { kind: 'ratio', classType: 'toddler', childrenPerCarer: 4 } },
        }),
      caller: 'health',
    },
    'POST /api/v1/credit/models': {
      body: () =>
        ruleDocumentRequest({
          documentKey: `fuzz-${randomInt(1e9)}`,
          jurisdiction: '330106',
          title: '西湖区信用分级线（模糊测试）',
          effectiveFrom: '2090-01-01',
          source: { title: '测试用区级文件', documentNo: '测〔2090〕1号' },
          rule: {
            key: 'grading',
            title: '测试：信用分级线',
            body: creditGradingBody(),
          },
        }),
      caller: 'health',
    },
    'POST /api/v1/subsidy/runs': { body: () => ({ month: monthsAgo(5), divisionCode: '330106' }), caller: 'health' },
    'POST /api/v1/subsidy/runs/{id}/approvals': {
      body: () => ({ decision: 'approve', comment: '名册已核对' }),
      params: () => ({ id: targets.run }),
      caller: 'street',
    },
  };
  const CSV_HEADER = 'divisionCode,year,residentPopulation,childrenUnder3,source';

  // ── arbitraries ────────────────────────────────────────────────────────────────────────────
  const injection = fc.constantFrom(...INJECTIONS);
  const junkString = fc.oneof(injection, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
  const notA = (type: string | undefined): fc.Arbitrary<unknown> => {
    const all: Record<string, fc.Arbitrary<unknown>> = {
      string: junkString,
      number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
      boolean: fc.boolean(),
      object: fc.dictionary(fc.constantFrom('a', 'x', 'value'), fc.oneof(fc.integer(), junkString), { maxKeys: 3 }),
      array: fc.array(fc.oneof(fc.integer(), junkString), { maxLength: 3 }),
    };
    // An empty array or object can pass a nested check: never offered for objects or arrays.
    const skip: Record<string, string[]> = {
      string: ['string'],
      integer: ['number'],
      number: ['number'],
      boolean: ['boolean'],
      object: ['object', 'array'],
      array: ['object', 'array'],
    };
    const allowed = Object.entries(all)
      .filter(([k]) => !(skip[type ?? ''] ?? []).includes(k))
      .map(([, a]) => a);
    return fc.oneof(...allowed);
  };

  /** Defects that make a body invalid whatever else it holds, from the schema. */
  function bodyDefects(
    spec: RouteSpec,
    base: unknown,
  ): fc.Arbitrary<{ kind: string; apply: (b: unknown) => unknown; raw?: (b: unknown) => string; contentType?: string }>[] {
    const props = spec.bodySchema ? propsOf(spec.bodySchema, base, doc) : [];
    const typed = props.filter((p) => p.schema.type);
    const out: fc.Arbitrary<{ kind: string; apply: (b: unknown) => unknown; raw?: (b: unknown) => string; contentType?: string }>[] = [];
    const required = props.filter((p) => p.required && p.present);
    if (required.length) {
      out.push(fc.constantFrom(...required).map((p) => ({ kind: 'missing required field', apply: (b) => (deleteAt(b, p.path), b) })));
      out.push(fc.constantFrom(...required).map((p) => ({ kind: 'null required field', apply: (b) => (setAt(b, p.path, null), b) })));
    }
    if (typed.length) {
      out.push(
        fc
          .constantFrom(...typed)
          .chain((p) => notA(p.schema.type).map((v) => ({ kind: `wrong type (${p.schema.type})`, apply: (b: unknown) => (setAt(b, p.path, v), b) }))),
      );
    }
    /** Values beyond the bounds (each side only where there is room: a bound may sit at the edge of the safe integers), or not whole. */
    const outOfRange = (p: Prop): fc.Arbitrary<number>[] => {
      const options: fc.Arbitrary<number>[] = [];
      if (p.schema.minimum !== undefined && p.schema.minimum > -1e9) options.push(fc.integer({ min: -1e9, max: Math.ceil(p.schema.minimum) - 1 }));
      if (p.schema.maximum !== undefined && p.schema.maximum < 2 ** 53 - 2)
        options.push(fc.integer({ min: Math.floor(p.schema.maximum) + 1, max: 2 ** 53 - 1 }));
      if (p.schema.type === 'integer') options.push(fc.integer({ min: -1000, max: 1000 }).map((n) => n + 0.5));
      return options;
    };
    const ranged = typed.filter((p) => outOfRange(p).length);
    if (ranged.length) {
      out.push(
        fc
          .constantFrom(...ranged)
          .chain((p) => fc.oneof(...outOfRange(p)).map((v) => ({ kind: 'out of range', apply: (b: unknown) => (setAt(b, p.path, v), b) }))),
      );
    }
    const long = typed.filter((p) => p.schema.type === 'string' && p.schema.maxLength !== undefined);
    if (long.length) {
      out.push(
        fc.tuple(fc.constantFrom(...long), fc.integer({ min: 1, max: 20_000 }), injection).map(([p, extra, inj]) => ({
          kind: 'too long',
          apply: (b: unknown) => (setAt(b, p.path, (inj + 'x'.repeat(p.schema.maxLength! + extra)).slice(0, p.schema.maxLength! + extra + inj.length)), b),
        })),
      );
    }
    const short = typed.filter((p) => p.schema.type === 'string' && (p.schema.minLength ?? 0) > 0);
    if (short.length) out.push(fc.constantFrom(...short).map((p) => ({ kind: 'too short', apply: (b: unknown) => (setAt(b, p.path, ''), b) })));
    const enums = typed.filter((p) => p.schema.enum);
    if (enums.length) {
      out.push(
        fc
          .tuple(fc.constantFrom(...enums), junkString)
          .filter(([p, v]) => !p.schema.enum!.includes(v))
          .map(([p, v]) => ({ kind: 'not in enum', apply: (b: unknown) => (setAt(b, p.path, v), b) })),
      );
    }
    const coded = typed.filter((p) => p.schema.type === 'string' && semanticallyInvalid(String(p.path.at(-1))));
    if (coded.length) {
      out.push(
        fc
          .constantFrom(...coded)
          .chain((p) =>
            fc
              .constantFrom(...semanticallyInvalid(String(p.path.at(-1)))!)
              .map((v) => ({ kind: 'invalid code', apply: (b: unknown) => (setAt(b, p.path, v), b) })),
          ),
      );
    }
    const itemEnums = typed.filter((p) => p.schema.type === 'array' && p.present && resolve(p.schema.items, doc).enum);
    if (itemEnums.length) {
      out.push(
        fc
          .tuple(fc.constantFrom(...itemEnums), injection)
          .map(([p, v]) => ({ kind: 'array item not in enum', apply: (b: unknown) => (setAt(b, p.path, [v]), b) })),
      );
    }
    const unique = typed.filter((p) => p.schema.uniqueItems && p.present);
    if (unique.length) {
      out.push(
        fc.constantFrom(...unique).map((p) => ({
          kind: 'duplicate items',
          apply: (b: unknown) => {
            let o: unknown = b;
            for (const k of p.path) o = (o as Record<string | number, unknown>)[k];
            const items = o as unknown[];
            setAt(b, p.path, [items[0], items[0]]);
            return b;
          },
        })),
      );
    }
    const emptyable = typed.filter((p) => p.schema.type === 'array' && (p.schema.minItems ?? 0) > 0);
    if (emptyable.length) out.push(fc.constantFrom(...emptyable).map((p) => ({ kind: 'empty array', apply: (b: unknown) => (setAt(b, p.path, []), b) })));
    const strings = typed.filter((p) => p.schema.type === 'string');
    if (strings.length) {
      out.push(
        fc
          .tuple(fc.constantFrom(...strings), fc.constantFrom(...BROKEN_TEXT))
          .map(([p, v]) => ({ kind: 'NUL or broken Unicode', apply: (b: unknown) => (setAt(b, p.path, v), b) })),
      );
    }
    // Unknown fields (top level and in nested objects), including the keys prototype pollution tries.
    const objects = [[] as (string | number)[], ...props.filter((p) => p.present && p.schema.type === 'object').map((p) => p.path)];
    const known = new Set(props.map((p) => p.path.join('.')));
    out.push(
      fc
        .tuple(
          fc.constantFrom(...objects),
          fc.constantFrom(
            'isAdmin',
            'department',
            'ownerUserId',
            'status',
            'version',
            'constructor',
            'prototype',
            'role',
            '$where',
            '__defineGetter__',
            'x-extra',
          ),
          fc.oneof(fc.boolean(), junkString, fc.integer()),
        )
        .filter(([path, key]) => !known.has([...path, key].join('.')))
        .map(([path, key, v]) => ({ kind: 'unknown field', apply: (b: unknown) => (setAt(b, [...path, key], v), b) })),
    );
    out.push(
      fc
        .constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}')
        .map((raw) => ({ kind: 'prototype pollution', apply: (b: unknown) => b, raw: () => raw })),
    );
    // Runaway nesting in any field (or as the field's parent).
    const anyProp = props.length ? props : [{ path: ['x'], schema: {}, required: false, present: false }];
    out.push(
      fc.tuple(fc.constantFrom(...anyProp), fc.integer({ min: 40, max: 5_000 }), fc.boolean()).map(([p, depth, arrays]) => ({
        kind: 'runaway nesting',
        apply: (b: unknown) => b,
        raw: (b: unknown) => {
          const marker = '"__NEST__"';
          const copy = clone(b);
          setAt(copy, p.path, '__NEST__');
          return JSON.stringify(copy).replace(marker, arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
        },
      })),
    );
    // The body as a whole.
    out.push(fc.constantFrom<unknown>([], [1, 2], 'a string', 42, true, [{}]).map((v) => ({ kind: 'not an object', apply: () => v })));
    out.push(
      fc
        .constantFrom('{"name":', '{"a":1,}', "{'a':1}", '{"a":1}}', 'undefined', '\u0000', '{"a":"\\u0000"', '[', 'nul', '{"a":1e99999999}')
        .map((raw) => ({ kind: 'not JSON', apply: (b: unknown) => b, raw: () => raw })),
    );
    out.push(
      fc.constantFrom('application/xml', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x').map((contentType) => ({
        kind: 'wrong media type',
        apply: (b: unknown) => b,
        raw: (b: unknown) => (contentType.startsWith('application/x-www') ? 'a=1&b=2' : JSON.stringify(b)),
        contentType,
      })),
    );
    out.push(fc.constant({ kind: 'over 1 MB', apply: (b: unknown) => b, raw: () => JSON.stringify({ pad: 'x'.repeat(1_050_000) }) }));
    out.push(fc.constant({ kind: 'empty JSON body', apply: (b: unknown) => b, raw: () => '' }));
    return out;
  }

  /** Defects of a CSV upload (population import), each refused by the parser or the registry. */
  function csvDefects(): fc.Arbitrary<string> {
    const row = (division: string, year: string, resident: string, children: string, source: string) => `${division},${year},${resident},${children},${source}`;
    const good = () => row('330106109', '2024', '160000', '4100', '统计');
    return fc.oneof(
      fc
        .constantFrom(...semanticallyInvalid('divisionCode')!)
        .map((d) => `${CSV_HEADER}\n${good()}\n${row(d.replace(/,/g, ''), '2024', '1000', '10', '统计')}\n`),
      fc
        .oneof(junkString, fc.constantFrom('20x5', '1999', '2101', '-2024', '2024.5'))
        .filter((y) => !/^\s*20([0-9][0-9])\s*$/.test(y) || Number(y) > 2100)
        .map((y) => `${CSV_HEADER}\n${row('330106109', y.replace(/[,\n\r"]/g, ';'), '1000', '10', '统计')}\n`),
      fc
        .oneof(fc.integer({ max: -1 }).map(String), fc.constantFrom('abc', '1.5', '1e3', '', '九千'))
        .map((n) => `${CSV_HEADER}\n${row('330106109', '2024', n, '10', '统计')}\n`),
      fc.subarray(['divisionCode', 'year', 'residentPopulation', 'childrenUnder3', 'source'], { maxLength: 4 }).map((cols) => `${cols.join(',')}\n${good()}\n`),
      fc.constantFrom('', CSV_HEADER, `${CSV_HEADER}\n`, '\n\n', '\ufeff').map((t) => t),
      fc.constantFrom(...BROKEN_TEXT.filter((t) => !/[\ud800-\udfff]/.test(t))).map((t) => `${CSV_HEADER}\n${row('330106109', '2024', '1000', '10', t)}\n`),
      injection.map((t) => `${CSV_HEADER}\n${row("330106109' OR 1=1", '2024', '1000', '10', t.replace(/[,\n\r"]/g, ' '))}\n`),
      fc.constant(`${CSV_HEADER}\n${row('330106109', '2024', '1000', '10', 'x'.repeat(300))}\n`),
    );
  }

  function tokenDefects(spec: RouteSpec): fc.Arbitrary<{ kind: string; token: string | null }> {
    const refused: { kind: string; token: string | null }[] = [
      { kind: 'no token', token: null },
      ...Object.entries(refusedTokens).map(([kind, token]) => ({ kind, token })),
    ];
    const row = spec.row;
    // The matrix's cells are about its own targets: the department whose valid request BASES makes (a fire
    // list, a market complaint) may act on this file's targets even where the matrix's target refuses it.
    const caller = BASES[spec.key]?.caller;
    if (row && !BODYLESS.includes(spec.key)) {
      for (const dept of (Object.keys(ACCOUNTS) as Department[]).filter((d) => d !== caller)) {
        const cell = row.cells[dept];
        if (!cell) continue;
        const [own, other] = [outcomeOf(cell, 'own'), outcomeOf(cell, 'other')];
        if (own === 'DEPT' && other === 'DEPT') refused.push({ kind: `department not allowed (${dept})`, token: tokens.get(ACCOUNTS[dept].username)! });
        if (own === 'UNASSIGNED' && other === 'UNASSIGNED')
          refused.push({ kind: `not an assigned inspector (${dept})`, token: tokens.get(ACCOUNTS[dept].username)! });
      }
      // The other district's bureaus, on targets in 西湖区.
      for (const dept of ['health', 'market'] as const) {
        if (outcomeOf(row.cells[dept], 'other') === 'DIV') refused.push({ kind: `other district (${dept}.371002)`, token: tokens.get(`${dept}.371002`)! });
      }
      if (spec.params.length && caller !== 'operator' && outcomeOf(row.cells.operator, 'other') === 'OWNER')
        refused.push({ kind: 'operator, not its institution', token: tokens.get('operator.demo')! });
    }
    return fc.constantFrom(...refused);
  }

  function requestArbitrary(spec: RouteSpec): fc.Arbitrary<FuzzRequest> {
    const base = BASES[spec.key];
    const baseBody = base ? base.body() : spec.contentType === 'text/csv' ? `${CSV_HEADER}\n330106109,2024,160000,4100,统计\n` : {};
    const caller = base?.caller ?? firstAllowed(spec.row);
    const token = base?.as ? tokens.get(base.as)! : caller ? tokens.get(ACCOUNTS[caller].username)! : null;
    const params = () => base?.params?.() ?? Object.fromEntries(spec.params.map((p) => [p, p === 'year' ? '2032' : randomUUID()]));
    const freeText = spec.bodySchema ? propsOf(spec.bodySchema, baseBody, doc).filter((p) => p.present && isFreeText(p)) : [];
    // Injection strings in free-text fields ride along with the defect (they alone may be valid text).
    const noise = freeText.length
      ? fc.array(fc.tuple(fc.constantFrom(...freeText), injection), { maxLength: 2 }).map((pairs) => (b: unknown) => {
          if (b && typeof b === 'object' && !Array.isArray(b)) {
            for (const [p, v] of pairs) setAt(b, p.path, v.slice(0, p.schema.maxLength ?? v.length).padEnd(p.schema.minLength ?? 0, '字'));
          }
          return b;
        })
      : fc.constant((b: unknown) => b);

    const kinds: fc.WeightedArbitrary<FuzzRequest>[] = [];
    if (BODYLESS.includes(spec.key)) {
      return tokenDefects(spec).map((t) => ({ kind: `token: ${t.kind}`, params: {}, token: t.token }));
    }
    if (spec.contentType === 'text/csv') {
      kinds.push({ weight: 6, arbitrary: csvDefects().map((raw) => ({ kind: 'bad CSV', params: params(), raw, contentType: 'text/csv', token })) });
      kinds.push({ weight: 1, arbitrary: fc.constant({ kind: 'JSON instead of CSV', params: params(), body: { rows: [] }, token }) });
    } else {
      kinds.push({
        weight: 6,
        arbitrary: fc.tuple(fc.oneof(...bodyDefects(spec, baseBody)), noise).map(([defect, addNoise]) => {
          const body = defect.apply(addNoise(clone(baseBody)));
          return { kind: defect.kind, params: params(), body, raw: defect.raw?.(body), contentType: defect.contentType, token };
        }),
      });
    }
    if (spec.params.length && spec.key !== 'POST /api/v1/auth/token') {
      const badId = fc
        .oneof(
          fc.uuid({ version: 4 }).map((id) => ({ kind: 'unknown id', id })),
          fc
            .oneof(junkString, fc.constantFrom('123', '0', '-1', '00000000-0000-0000-0000-00000000000g', '../../etc/passwd', '%00', 'a'.repeat(5_000)))
            .filter((s) => s.trim() !== '')
            .map((id) => ({ kind: 'malformed id', id })),
        )
        .map((v) => ({ id: v.id }));
      // A month (收托名册): malformed, or one still to come (refused: ROSTER_MONTH_IN_FUTURE).
      const badMonth = fc
        .oneof(
          fc
            .oneof(
              fc.constantFrom('2026-13', '2026-00', '26-01', '2026-1', '2026/01', "2026-01' OR 1=1", '２０２６-０１', '../2026-01', '2026-01-01'),
              junkString,
            )
            .filter((m) => m.trim() !== '' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)),
          fc.constantFrom('2099-01', `${Number(today.slice(0, 4)) + 1}-${today.slice(5, 7)}`),
        )
        .map((month) => ({ month }));
      const badParam = spec.params.includes('year')
        ? fc
            .oneof(fc.constantFrom('1999', '2100', '20x5', '0', '-2026', '2026.0', '２０２６', '../2026', '2026%00'), junkString)
            .filter((y) => y !== '' && !/^20\d{2}$/.test(y))
            .map((year) => ({ year }))
        : spec.params.includes('month')
          ? fc.oneof(badId, badMonth)
          : badId;
      kinds.push({
        weight: 2,
        arbitrary: fc.tuple(badParam, noise).map(([p, addNoise]) => ({
          kind: 'wrong id',
          params: { ...params(), ...(p as Record<string, string>) },
          body: typeof baseBody === 'string' ? undefined : addNoise(clone(baseBody)),
          raw: typeof baseBody === 'string' ? baseBody : undefined,
          contentType: typeof baseBody === 'string' ? 'text/csv' : undefined,
          token,
        })),
      });
    }
    // A public route (the token request, 投诉举报) takes anyone: no token is refused there.
    if (!isPublic(spec)) {
      kinds.push({
        weight: 3,
        arbitrary: fc.tuple(tokenDefects(spec), noise).map(([t, addNoise]) => ({
          kind: `token: ${t.kind.replace(/ \(.*\)$/, '')}`,
          params: params(),
          body: typeof baseBody === 'string' ? undefined : addNoise(clone(baseBody)),
          raw: typeof baseBody === 'string' ? baseBody : undefined,
          contentType: typeof baseBody === 'string' ? 'text/csv' : undefined,
          token: t.token,
        })),
      });
    }
    return fc.oneof(...kinds);
  }

  const isPublic = (spec: RouteSpec) =>
    spec.key === 'POST /api/v1/auth/token' || (spec.row !== undefined && outcomeOf(spec.row.cells.anonymous, 'own') !== 'AUTH');
  const firstAllowed = (row: MatrixRow | undefined): Department | undefined =>
    row
      ? ((Object.keys(ACCOUNTS) as Department[]).find((d) => d !== 'admin' && ['200', '201', '204', 'PASS'].includes(outcomeOf(row.cells[d], 'own'))) ??
        'admin')
      : undefined;

  async function send(spec: RouteSpec, r: FuzzRequest) {
    const url = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(r.params[name] ?? ''));
    let call = stack.http[spec.method](url);
    if (r.token) call = call.set('authorization', `Bearer ${r.token}`);
    if (r.raw !== undefined) {
      call = call.set('content-type', r.contentType ?? 'application/json');
      return call.send(r.raw);
    }
    if (r.body === undefined) return call;
    return call.set('content-type', r.contentType ?? 'application/json').send(JSON.stringify(r.body));
  }

  /** What every reply to a malformed request must be. */
  function check(spec: RouteSpec, r: FuzzRequest, res: { status: number; body: Record<string, unknown> }): void {
    const where = `${spec.key} [${r.kind}] → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`5xx: ${where}`);
    if (res.status < 400) throw new Error(`a malformed request was accepted: ${where}`);
    const body = res.body ?? {};
    if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.code)) throw new Error(`no stable code: ${where}`);
    if (typeof body.message !== 'string' || !/[\u4e00-\u9fff]/.test(body.message)) throw new Error(`no Chinese message: ${where}`);
    if (body.statusCode !== res.status) throw new Error(`statusCode differs from the HTTP status: ${where}`);
    if (res.status === 400) {
      const details = body.details as { field?: unknown; code?: unknown; message?: unknown }[] | undefined;
      if (!Array.isArray(details) || details.length === 0) throw new Error(`400 without details: ${where}`);
      for (const d of details) {
        if (typeof d.field !== 'string' || !d.field || typeof d.code !== 'string' || typeof d.message !== 'string')
          throw new Error(`a detail names no field: ${where}`);
      }
    }
  }

  let before: Awaited<ReturnType<typeof snapshot>>;
  let routes: RouteSpec[] = [];

  beforeAll(async () => {
    // Every service but the registry logs errors only (each defect would be a warning).
    const quiet = { LOG_LEVEL: 'error' };
    stack = await startTestStack({
      services: ['registry', 'staff', 'credit', 'inspection', 'subsidy'],
      config: {
        staff: { ...quiet, STAFF_DB_SCHEMA: staffSchema },
        credit: { ...quiet, CREDIT_DB_SCHEMA: creditSchema },
        inspection: { ...quiet, INSPECTION_DB_SCHEMA: inspectionSchema },
        subsidy: { ...quiet, SUBSIDY_DB_SCHEMA: subsidySchema },
      },
      startOptions: { staff: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' }, inspection: { eventsFrom: 'new' }, subsidy: { eventsFrom: 'new' } },
    });
    ({ staff, credit, inspection, subsidy } = stack);
    doc = (await stack.http.get('/api/docs-json').expect(200)).body;
    const usernames = [...Object.values(ACCOUNTS).map((a) => a.username), 'health.371002', 'market.371002', 'fire.inspector1', 'fire.inspector2'];
    for (const u of usernames) tokens.set(u, await stack.tokenFor(u));
    nc = (await stack.nats()).nc;

    // Targets the requests aim at: a registered institution, one with a submitted filing, one filed.
    const market = tokens.get('market.330106')!;
    const health = tokens.get('health.330106')!;
    const register = async () =>
      (await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201)).body.id as string;
    const submit = async (id: string, by = market) =>
      (await stack.http.post(`/api/v1/institutions/${id}/filings`).set('authorization', `Bearer ${by}`).send(compliantFilingSubmission()).expect(201)).body
        .id as string;
    targets.institution = await register();
    const pending = await register();
    targets.submittedFiling = await submit(pending);
    targets.filedInstitution = await register();
    await stack.http
      .post(`/api/v1/filings/${await submit(targets.filedInstitution)}/decision`)
      .set('authorization', `Bearer ${health}`)
      .send({ decision: 'approve' })
      .expect(200);
    const newApiClient = async () =>
      (
        await stack.http
          .post('/api/v1/admin/api-clients')
          .set('authorization', `Bearer ${tokens.get('admin')!}`)
          .send({ name: '模糊测试系统', department: 'fire', divisions: ['330106'], scopes: ['GET /api/v1/institutions'] })
          .expect(201)
      ).body.id as string;
    targets.apiClient = await newApiClient();
    // Staff and credit targets: an institution both services know, a staff member, repairable ledger entries.
    const known = (id: string) =>
      eventually(
        `the staff and credit services to learn of institution ${id}`,
        async () => {
          const [a] = await stack.sql('staff', 'SELECT 1 FROM $schema.institution_replica WHERE id = $1', [id]);
          const [b] = await stack.sql('credit', 'SELECT 1 FROM $schema.institution WHERE id = $1', [id]);
          return a && b ? id : false;
        },
        60_000,
      );
    const hire = async (institutionId: string) =>
      (
        await stack.http
          .post(`/api/v1/institutions/${institutionId}/staff`)
          .set('authorization', `Bearer ${health}`)
          .send({ name: '模糊测试员工', idNumber: newIdNumber(), role: 'carer', startDate: '2026-01-05' })
          .expect(201)
      ).body.id as string;
    const repairableEntry = async (institutionId: string) => {
      const eventId = randomUUID();
      const envelope = {
        eventId,
        subject: contracts.StaffEvents.banMatched,
        occurredAt: new Date(Date.now() - 100 * 86_400_000).toISOString(),
        actor: SYSTEM_ACTOR,
        entityId: randomUUID(),
        data: lifetimeBanMatched(institutionId, '330106109'),
      };
      await jetstream(nc!).publish(envelope.subject, JSON.stringify(envelope), { msgID: eventId });
      return eventually(
        `the ledger entry of ${eventId}`,
        async () => {
          const res = await stack.http.get(`/api/v1/credit/institutions/${institutionId}`).set('authorization', `Bearer ${health}`);
          return (res.body?.entries as { entryId: string; sourceEventId: string }[] | undefined)?.find((e) => e.sourceEventId === eventId)?.entryId;
        },
        30_000,
      );
    };
    const askRepair = async (institutionId: string) =>
      (
        await stack.http
          .post(`/api/v1/credit/institutions/${institutionId}/repair-requests`)
          .set('authorization', `Bearer ${health}`)
          .send({ entryIds: [await repairableEntry(institutionId)], reason: '模糊测试：整改到位' })
          .expect(201)
      ).body.id as string;
    targets.staffInstitution = await known(await register());
    targets.staffMember = await hire(targets.staffInstitution);
    targets.creditEntry = await repairableEntry(targets.staffInstitution);
    targets.repairRequest = await askRepair(targets.staffInstitution);
    targets.listingEntry = await repairableEntry(targets.staffInstitution);

    // Inspection and subsidy targets.
    const as = (username: string) => ({ authorization: `Bearer ${tokens.get(username)!}` });
    const until = (what: string, check: () => Promise<boolean>) => eventually(what, check, 60_000);
    const ok = <T = any>(res: { status: number; body: unknown }, status: number, what: string): T => {
      if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as T;
    };
    /** Registered (by market, or by the operator as its own), filed and, if asked, 普惠; once inspection and subsidy know it so. */
    const filed = async (by: 'market' | 'operator', inclusive = false) => {
      const token = tokens.get(ACCOUNTS[by].username)!;
      const id = ok<{ id: string }>(
        await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${token}`).send(institutionRequest()),
        201,
        'register',
      ).id;
      ok(
        await stack.http
          .post(`/api/v1/filings/${await submit(id, token)}/decision`)
          .set(as('health.330106'))
          .send({ decision: 'approve' }),
        200,
        'approve filing',
      );
      if (inclusive) {
        ok(
          await stack.http
            .post(`/api/v1/institutions/${id}/inclusive`)
            .set(as('health.330106'))
            .send({ action: 'grant', priceCapFen: 350_000, inclusivePlaces: 30, decisionNo: '西卫普〔2026〕1号' }),
          200,
          '普惠',
        );
      }
      await until(`institution ${id} filed in the inspection and subsidy replicas`, async () => {
        const [a] = await inspection.runtime.dataSource.query(`SELECT status FROM "${inspectionSchema}".institution WHERE id = $1`, [id]);
        const [b] = await subsidy.runtime.dataSource.query(`SELECT status, inclusive FROM "${subsidySchema}".institution_replica WHERE id = $1`, [id]);
        return a?.status === 'filed' && b?.status === 'filed' && (!inclusive || b.inclusive !== null);
      });
      return id;
    };
    const addInspector = async (username?: string) =>
      ok<{ id: string }>(
        await stack.http
          .post('/api/v1/inspectors')
          .set(as('admin'))
          .send({ department: 'fire', name: '模糊测试执法员', badgeNo: `FZ-${randomInt(1e9)}`, divisionCodes: ['330106'], ...(username ? { username } : {}) }),
        201,
        'inspector',
      ).id;
    targets.fire1 = await addInspector('fire.inspector1');
    targets.fire2 = await addInspector('fire.inspector2');
    targets.inspector = await addInspector();
    const spareInspector = await addInspector();
    const visit = async (institutionId: string) =>
      ok<{ id: string }>(
        await stack.http
          .post('/api/v1/inspections')
          .set(as('fire.330106'))
          .send({ institutionId, departments: inspectionOf('fire', [targets.fire1, targets.fire2]) }),
        201,
        'inspection',
      ).id;
    /** Every fire item of the visit recorded: pass, but `fails`. */
    const record = async (id: string, fails: string[] = []) => {
      const form = ok<{ areas: { items: { code: string; department: string }[] }[] }>(
        await stack.http.get(`/api/v1/inspections/${id}/form`).set(as('fire.inspector1')),
        200,
        'form',
      );
      const results = form.areas
        .flatMap((a) => a.items)
        .filter((i) => i.department === 'fire')
        .map((i) => (fails.includes(i.code) ? { itemCode: i.code, result: 'fail', note: '模糊测试：发现问题' } : { itemCode: i.code, result: 'pass' }));
      ok(await stack.http.put(`/api/v1/inspections/${id}/results`).set(as('fire.inspector1')).send({ results }), 200, 'results');
      return id;
    };
    /** A visit completed (fire alone, signed off) with two findings: FIRE-01 and FIRE-04. */
    const completed = async (institutionId: string) => {
      const id = await record(await visit(institutionId), ['FIRE-01', 'FIRE-04']);
      const view = ok<{ findings: { id: string; itemCode: string }[] }>(
        await stack.http.post(`/api/v1/inspections/${id}/sign-off`).set(as('fire.inspector1')).send({}),
        200,
        'sign-off',
      );
      return { id, findings: Object.fromEntries(view.findings.map((f) => [f.itemCode, f.id])) as Record<string, string> };
    };
    const complaint = async (accepted: boolean) => {
      const id = ok<{ id: string }>(
        await stack.http
          .post('/api/v1/public/complaints')
          .send({ institutionId: targets.ownInstitution, category: 'food', description: '家长反映午餐没有留样' }),
        201,
        'complaint',
      ).id;
      if (accepted)
        ok(await stack.http.post(`/api/v1/complaints/${id}/triage`).set(as('market.330106')).send({ decision: 'accept', reason: '予以受理' }), 200, 'triage');
      return id;
    };
    const plan = async () =>
      ok<{ id: string }>(
        await stack.http
          .post('/api/v1/inspection-plans')
          .set(as('health.330106'))
          .send({ divisionCode: '330106109', periodFrom: today, periodTo: addDays(today, 60), departments: ['fire'] }),
        201,
        'plan',
      ).id;
    const [own, spareOwn, open, spareOpen, recorded, spareRecorded, uninspected, spareUninspected, conflictInstitution, lateInstitution] = await Promise.all([
      filed('operator', true),
      filed('operator', true),
      filed('market'),
      filed('market'),
      filed('market'),
      filed('market'),
      filed('market'),
      filed('market'),
      filed('market'),
      filed('market'),
    ]);
    /** Inspector 2's value kept beside inspector 1's (a stale version): FIRE-01 in conflict. */
    const conflicted = async (institutionId: string) => {
      const id = await visit(institutionId);
      ok(
        await stack.http
          .put(`/api/v1/inspections/${id}/results`)
          .set(as('fire.inspector1'))
          .send({ results: [{ itemCode: 'FIRE-01', result: 'pass', baseVersion: 0 }] }),
        200,
        'results',
      );
      const res = ok<{ outcomes: { versionId: string }[] }>(
        await stack.http
          .put(`/api/v1/inspections/${id}/results`)
          .set(as('fire.inspector2'))
          .send({ results: [{ itemCode: 'FIRE-01', result: 'fail', note: '模糊测试：安全出口锁闭', baseVersion: 0 }] }),
        200,
        'results',
      );
      return { id, versionId: res.outcomes[0]!.versionId };
    };
    /** A completed visit and a result inspector 2 sent after the sign-off. */
    const lateResult = async (institutionId: string) => {
      const { id } = await completed(institutionId);
      const res = ok<{ outcomes: { versionId: string }[] }>(
        await stack.http
          .put(`/api/v1/inspections/${id}/results`)
          .set(as('fire.inspector2'))
          .send({ results: [{ itemCode: 'FIRE-02', result: 'fail', note: '模糊测试：签字前的记录' }] }),
        200,
        'results',
      );
      return { id, versionId: res.outcomes[0]!.versionId };
    };
    /** A listing of the operator's institution, notified by health; `stated`: the operator has stated its case (a decision is due). */
    const listingOf = async (institutionId: string, stated: boolean) => {
      await known(institutionId);
      const made = ok<{ id: string }>(
        await stack.http
          .post(`/api/v1/credit/institutions/${institutionId}/listings`)
          .set(as('health.330106'))
          .send({ entryIds: [await repairableEntry(institutionId)], facts: '模糊测试：聘用从业禁止人员，已责令改正' }),
        201,
        'listing',
      );
      if (stated)
        ok(
          await stack.http.post(`/api/v1/credit/listings/${made.id}/statement`).set(as('operator.demo')).send({ statement: '模糊测试：已整改' }),
          200,
          'statement',
        );
      return made.id;
    };
    targets.listing = await listingOf(own, false);
    targets.statedListing = await listingOf(own, true);
    targets.ownInstitution = own;
    targets.rosterInstitution = own;
    targets.uninspected = uninspected;
    const ownVisit = await completed(own);
    const spareVisit = await completed(spareOwn);
    targets.completedInspection = ownVisit.id;
    targets.finding = ownVisit.findings['FIRE-01']!;
    targets.reportableFinding = ownVisit.findings['FIRE-04']!;
    targets.openInspection = await visit(open);
    targets.recordedInspection = await record(await visit(recorded));
    targets.receivedComplaint = await complaint(false);
    targets.acceptedComplaint = await complaint(true);
    targets.plan = await plan();
    const current = ok<Record<string, unknown>[]>(
      await stack.http.get('/api/v1/checklists?kind=inspection&department=fire').set(as('fire.330106')),
      200,
      'checklists',
    );
    fireChecklist = { ...current[0]! };
    for (const key of ['id', 'origin', 'publishedAt', 'penaltyItems', 'jurisdictionName', 'level', 'documentKey', 'citations']) delete fireChecklist[key];

    // Tokens that must be refused.
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: randomUUID(), username: 'admin', dept: 'admin', role: 'admin', div: [] };
    const sign = (c: object, secret = testStackSecrets().JWT_SECRET) =>
      new JwtService({ secret }).sign(c, { algorithm: 'HS256', issuer: 'shanyu', audience: 'shanyu-api' });
    const revoked = (await stack.http.post('/api/v1/auth/token').send({ username: 'admin', password: DEMO_PASSWORD }).expect(200)).body.accessToken;
    await stack.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${revoked}`).expect(204);
    const admin = tokens.get('admin')!;
    const [h, p] = admin.split('.');
    Object.assign(refusedTokens, {
      'revoked token': revoked,
      'expired token': sign({ ...claims, jti: randomUUID(), iat: now - 3600, exp: now - 60 }),
      'token signed with another secret': sign({ ...claims, jti: randomUUID(), iat: now, exp: now + 600 }, 'another-secret-of-at-least-32-characters!'),
      'token signed with the published demo secret': sign({ ...claims, jti: randomUUID(), iat: now, exp: now + 600 }, DEMO_JWT_SECRET),
      'tampered signature': `${h}.${p}.${'A'.repeat(43)}`,
      'tampered payload': `${h}.${Buffer.from(JSON.stringify({ ...claims, jti: randomUUID(), exp: now + 600 })).toString('base64url')}.${admin.split('.')[2]}`,
      'alg none': `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, jti: randomUUID(), exp: now + 600, iss: 'shanyu', aud: 'shanyu-api' })).toString('base64url')}.`,
      'unknown department': sign({ ...claims, dept: 'root', jti: randomUUID(), iat: now, exp: now + 600 }),
      'no jti': sign({ ...claims, iat: now, exp: now + 600 }),
      garbage: "'; DROP TABLE revoked_token; --",
    });

    // The write routes, from the OpenAPI document.
    const rows = new Map(AUTHORIZATION_MATRIX.map((r) => [routeKey(r), r]));
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([m]) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map(([method, op]) => {
          const content = op.requestBody?.content ?? {};
          const contentType = Object.keys(content)[0] ?? 'application/json';
          const key = `${method.toUpperCase()} ${path}`;
          return {
            key,
            method: method as RouteSpec['method'],
            path,
            contentType,
            params: (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name),
            bodySchema: content['application/json']?.schema,
            row: rows.get(key),
          };
        }),
    );

    // The valid requests the defects start from are valid: each succeeds once, on a spare target.
    const spare = { institution: await register(), filed: await register(), pending: await register() };
    await stack.http
      .post(`/api/v1/filings/${await submit(spare.filed)}/decision`)
      .set('authorization', `Bearer ${health}`)
      .send({ decision: 'approve' })
      .expect(200);
    const spareFiling = await submit(spare.pending);
    const spareConflict = await conflicted(conflictInstitution);
    const spareLate = await lateResult(lateInstitution);
    const spareParams: Record<string, Record<string, string>> = {
      'PATCH /api/v1/institutions/{id}': { id: spare.institution },
      'POST /api/v1/institutions/{id}/inclusive': { id: spare.filed },
      'POST /api/v1/institutions/{id}/demonstration': { id: spare.filed },
      'POST /api/v1/institutions/{id}/filings': { id: await register() },
      'POST /api/v1/filings/{id}/decision': { id: spareFiling },
      'PUT /api/v1/calendar/{year}': { year: '2032' },
      'POST /api/v1/institutions/{id}/deregistration': { id: await register() },
      'POST /api/v1/admin/api-clients/{id}/rotate': { id: await newApiClient() },
      'POST /api/v1/admin/api-clients/{id}/revoke': { id: await newApiClient() },
    };
    const spareStaffInstitution = await known(await register());
    const spareMember = await hire(spareStaffInstitution);
    Object.assign(spareParams, {
      'POST /api/v1/institutions/{id}/staff': { id: spareStaffInstitution },
      'POST /api/v1/staff/{id}/end': { id: await hire(spareStaffInstitution) },
      'POST /api/v1/staff/{id}/credentials': { id: spareMember },
      'POST /api/v1/staff/{id}/rechecks': { id: spareMember },
      'POST /api/v1/staff/{id}/id-number': { id: spareMember },
      // The base asks to repair the target's entry: valid once (it is then pending, and asking again is refused).
      'POST /api/v1/credit/institutions/{id}/repair-requests': { id: targets.staffInstitution },
      'POST /api/v1/credit/repair-requests/{id}/decision': { id: await askRepair(spareStaffInstitution) },
      // The base notifies on the target's entry: valid once.
      'POST /api/v1/credit/institutions/{id}/listings': { id: targets.staffInstitution },
      'POST /api/v1/credit/listings/{id}/statement': { id: await listingOf(spareOwn, false) },
      'POST /api/v1/credit/listings/{id}/decision': { id: await listingOf(spareOwn, true) },
    });
    Object.assign(spareParams, {
      'POST /api/v1/inspectors/{id}/conflicts': { id: spareInspector },
      'POST /api/v1/inspection-plans/{id}/draw': { id: await plan() },
      'PUT /api/v1/inspections/{id}/results': { id: await visit(spareOpen) },
      'POST /api/v1/inspections/{id}/sign-off': { id: await record(await visit(spareRecorded)) },
      'POST /api/v1/inspections/{id}/reinspection': { id: spareVisit.id },
      'POST /api/v1/inspections/{id}/results/{itemCode}/resolution': { id: spareConflict.id, itemCode: 'FIRE-01' },
      'POST /api/v1/inspections/{id}/late-results/{versionId}/decision': { id: spareLate.id, versionId: spareLate.versionId },
      'POST /api/v1/rectifications/{id}/verify': { id: spareVisit.findings['FIRE-01']! },
      'POST /api/v1/rectifications/{id}/report': { id: spareVisit.findings['FIRE-04']! },
      'POST /api/v1/complaints/{id}/triage': { id: await complaint(false) },
      'POST /api/v1/complaints/{id}/outcome': { id: await complaint(true) },
      'PUT /api/v1/institutions/{id}/rosters/{month}': { id: spareOwn, month: monthsAgo(1) },
      'PUT /api/v1/institutions/{id}/rosters/{month}/upload': { id: spareOwn, month: monthsAgo(4) },
    });
    // Where the base body itself names the target, the spare request names a spare one.
    const spareBodies: Record<string, () => unknown> = {
      'POST /api/v1/inspections/{id}/results/{itemCode}/resolution': () => ({ versionId: spareConflict.versionId, reason: '现场复核后以消防检查员记录为准' }),
      'POST /api/v1/inspections': () => ({ ...(BASES['POST /api/v1/inspections']!.body() as object), institutionId: spareUninspected }),
      'POST /api/v1/subsidy/runs': () => ({ month: monthsAgo(6), divisionCode: '330106' }),
    };
    const checkValid = async (key: string) => {
      const base = BASES[key]!;
      const spec = routes.find((r) => r.key === key)!;
      const token = base.as ? tokens.get(base.as)! : base.caller ? tokens.get(ACCOUNTS[base.caller].username)! : null;
      if (base.uploadOnly) {
        // 收托名册 as a CSV file: the upload route's valid request.
        const csv = `身份证号,孩次,班型,托育形式,出勤天数\n${childIdNumber()},二孩,托小班,全日托,20\n`;
        const res = await stack.http
          .put(spec.path.replace('{id}', spareParams[key]!.id!).replace('{month}', spareParams[key]!.month!))
          .query({ openDays: 21 })
          .set('authorization', `Bearer ${token}`)
          .attach('file', Buffer.from(csv), 'roster.csv');
        expect(res.status, `the valid upload of ${key}: ${JSON.stringify(res.body)}`).toBe(200);
        return;
      }
      const res = await send(spec, { kind: 'valid', params: spareParams[key] ?? {}, body: (spareBodies[key] ?? base.body)(), token });
      expect(res.status, `the valid base request of ${key}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    };
    const APPROVALS = 'POST /api/v1/subsidy/runs/{id}/approvals';
    for (const key of Object.keys(BASES).filter((k) => k !== APPROVALS)) await checkValid(key);
    await waitForRelays();

    // Computed runs of two past months with a roster in 三墩镇 (so they wait for the street office), once
    // every inspection fact above has reached the subsidy service (a later fact would make a run stale).
    const roster = async (month: string) =>
      ok(
        await stack.http
          .put(`/api/v1/institutions/${own}/rosters/${month}`)
          .set(as('operator.demo'))
          .send({ openDays: 21, children: [{ idNumber: childIdNumber(), birthOrder: 1, classType: 'toddler', careForm: 'full_day', daysAttended: 20 }] }),
        200,
        'roster',
      );
    const computedRun = async (month: string) => {
      await roster(month);
      const id = ok<{ id: string }>(
        await stack.http.post('/api/v1/subsidy/runs').set(as('health.330106')).send({ month, divisionCode: '330106' }),
        202,
        'run',
      ).id;
      let run: { status?: string; stage?: string } = {};
      await until(`run ${id} computed`, async () => {
        run = ok(await stack.http.get(`/api/v1/subsidy/runs/${id}`).set(as('health.330106')), 200, 'run');
        return run.status !== 'computing';
      });
      expect(run).toMatchObject({ status: 'computed', stage: 'street' });
      return id;
    };
    targets.run = await computedRun(monthsAgo(2));
    spareParams[APPROVALS] = { id: await computedRun(monthsAgo(3)) };
    await checkValid(APPROVALS);

    await waitForRelays();
    before = await snapshot();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('covers every write route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(10);
    // Every JSON write route but the bodyless ones starts from a valid request (CSV and file uploads have their own defects).
    const unknownBase = routes.filter((r) => !BASES[r.key] && r.contentType === 'application/json' && !BODYLESS.includes(r.key));
    expect(
      unknownBase.map((r) => r.key),
      'write routes need a valid base request in BASES',
    ).toEqual([]);
    expect(
      routes.filter((r) => !r.row).map((r) => r.key),
      'write routes without a row in the authorization matrix',
    ).toEqual([]);
  });

  it(`sends ${TOTAL} malformed requests (seed ${SEED}): no 5xx, no 2xx, a code on each, details naming the field on each 400`, async () => {
    const started = Date.now();
    const share = Math.ceil(TOTAL / routes.length);
    let failed = false;
    async function fuzzRoute(spec: RouteSpec) {
      const run = await fc.check(
        fc.asyncProperty(requestArbitrary(spec), async (r) => {
          if (failed) return; // another route failed: stop sending (the stack is about to stop)
          const res = await send(spec, r);
          sent++;
          count(perRoute, spec.key);
          count(tally, r.kind.replace(/ \(.*\)$/, ''));
          count(codes, `${res.status} ${res.body?.code}`);
          check(spec, r, res);
        }),
        { numRuns: share, seed: SEED, endOnFailure: true },
      );
      if (run.failed) {
        failed = true;
        // The generated request can be megabytes: say what it was, briefly.
        const [r] = (run.counterexample ?? []) as [FuzzRequest];
        const shown = JSON.stringify({ ...r, token: r?.token ? `${r.token.slice(0, 12)}…` : r?.token }, (_, v: unknown) =>
          typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v,
        );
        throw new Error(
          `${(run.errorInstance as Error)?.message?.slice(0, 600)}\n  request: ${shown.slice(0, 1_500)}\n  reproduce: SHANYU_FUZZ_SEED=${SEED} (route ${spec.key}, run ${run.numRuns})`,
        );
      }
    }
    // Several routes at a time (each route's property runs its requests one by one), so waits on
    // PostgreSQL and NATS overlap; CONCURRENCY routes in flight.
    const queue = [...routes];
    const worker = async () => {
      for (let spec = queue.shift(); spec && !failed; spec = queue.shift()) await fuzzRoute(spec);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    const perService = new Map<string, number>();
    for (const spec of routes) perService.set(spec.row?.service ?? '?', (perService.get(spec.row?.service ?? '?') ?? 0) + (perRoute.get(spec.key) ?? 0));
    console.log(
      `[fuzz] ${sent} malformed requests over ${routes.length} write routes in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s, ${CONCURRENCY} routes at a time), seed ${SEED}, 0 5xx, 0 2xx\n` +
        `  defects: ${[...tally]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n` +
        `  replies: ${[...codes]
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}\n` +
        `  per service: ${[...perService].map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `  per route: ${[...perRoute].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
    expect(sent).toBeGreaterThanOrEqual(TOTAL);
    for (const spec of routes) expect(perRoute.get(spec.key) ?? 0, spec.key).toBeGreaterThanOrEqual(share);
  }, 600_000);

  it('left every table of all six services and the EVENTS stream exactly as they were', async () => {
    await new Promise((r) => setTimeout(r, 300)); // anything a request set off would have reached the outbox by now
    await waitForRelays();
    const after = await snapshot();
    const changed = Object.keys({ ...before.tables, ...after.tables })
      .filter((t) => before.tables[t] !== after.tables[t])
      .map((t) => `${t}: ${before.tables[t]} → ${after.tables[t]}`);
    expect(changed, 'tables changed by malformed requests').toEqual([]);
    expect(Object.keys(after.tables).length).toBeGreaterThan(60);
    expect(after.events).toEqual(before.events);
    const perService = new Map<string, number>();
    for (const t of Object.keys(after.tables)) count(perService, t.split('.')[0]!);
    console.log(
      `[fuzz] unchanged: ${Object.keys(after.tables).length} tables by content (${[...perService].map(([k, v]) => `${k} ${v}`).join(', ')}); ` +
        `EVENTS ${after.events.messages} messages, last seq ${after.events.lastSeq}`,
    );
  });
});
