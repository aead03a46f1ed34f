import type { TSchema } from '@sinclair/typebox';
import type { EventEntry, ContractEntry } from './catalog.js';
import { CREDIT_EVENTS } from './credit/credit.catalog.js';
import { INSPECTION_EVENTS } from './inspection/inspection.catalog.js';
import { SERVICE_REQUESTS } from './nats-access.js';
import { AuditVerificationList } from './audit.contracts.js';
import { CreditDeadLetter } from './credit/credit.events.js';
import { DrawInput } from './inspection/inspection.contracts.js';
import { CalendarYearView, PLATFORM_EVENTS } from './platform/calendar.contracts.js';
import { REGISTRY_EVENTS } from './registry/registry.catalog.js';
import { REPLY_SCHEMAS } from './schemas.js';
import { STAFF_EVENTS } from './staff/staff.catalog.js';
import { SUBSIDY_EVENTS } from './subsidy/subsidy.catalog.js';

/** Every request subject of the platform, one definition each. */
export const ALL_REQUESTS: readonly ContractEntry[] = Object.values(SERVICE_REQUESTS).flat();

/** Every event of the platform, one definition each. */
export const ALL_EVENTS: readonly EventEntry[] = [
  ...STAFF_EVENTS,
  ...CREDIT_EVENTS,
  ...INSPECTION_EVENTS,
  ...SUBSIDY_EVENTS,
  ...REGISTRY_EVENTS,
  ...PLATFORM_EVENTS,
];

/** Shapes with no subject of their own, published with the others: the gateway's own replies, a dead-letter body, the whole draw input (draw.ts). */
const ALSO_PUBLISHED: readonly TSchema[] = [CalendarYearView, CreditDeadLetter, DrawInput, AuditVerificationList];

const COMPONENTS = '#/components/schemas/';

/**
 * The schema as published: every sub-schema named with `$id` (the root's included) becomes a
 * `$ref` to its component, which `collect` receives once. TypeBox's own markers (symbols) are not
 * JSON and stay behind.
 */
export function publishedSchema(schema: TSchema | object, collect?: (name: string, schema: object) => void): object {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const { $id, ...rest } = node as Record<string, unknown>;
    const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, visit(value)]));
    if (typeof $id !== 'string') return copy;
    collect?.($id, copy);
    return { $ref: `${COMPONENTS}${$id}` };
  };
  return visit(schema) as object;
}

/**
 * Every named reply and event schema of the catalog (and the hand-written ones not yet converted),
 * for the AsyncAPI and OpenAPI documents. Two different schemas under one name throw: a contract is
 * declared once.
 */
export function publishedSchemas(): Record<string, object> {
  const out: Record<string, object> = { ...REPLY_SCHEMAS };
  const fromDefs = new Set<string>();
  const collect = (name: string, schema: object) => {
    const json = JSON.stringify(schema);
    if (fromDefs.has(name) && JSON.stringify(out[name]) !== json) throw new Error(`schema ${name} is declared twice, differently`);
    if (!fromDefs.has(name) && name in REPLY_SCHEMAS) throw new Error(`schema ${name} is both a definition and a hand-written schema (schemas.ts)`);
    fromDefs.add(name);
    out[name] = schema;
  };
  for (const def of ALL_REQUESTS) publishedSchema(def.reply, collect);
  for (const def of ALL_EVENTS) publishedSchema(def.data, collect);
  for (const schema of ALSO_PUBLISHED) publishedSchema(schema, collect);
  return out;
}

/**
 * The definition of the same subject at another service, for the subjects every service answers
 * alike (`<service>.audit.history`, `<service>.indicators.compute`): typed as `like`.
 */
export function rpcOf<D extends ContractEntry>(like: D, service: string): D {
  const subject = `${service}${like.subject.slice(like.service.length)}`;
  const def = ALL_REQUESTS.find((d) => d.subject === subject);
  if (!def) throw new Error(`${subject} is not in the contract catalog`);
  return def as D;
}
