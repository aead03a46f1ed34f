// Checks what the platform really sends against what it publishes (docs/asyncapi.json): each NATS
// reply against its subject's reply schema and error codes, each event against the envelope and its
// data schema. Stricter than the schemas say in one way: a field the schema does not name is a
// mismatch (the published schemas stay open, so that adding a field is not a breaking change for
// clients; here it means the contract forgot it). Used by contract-drift-watch.ts; no side effects.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Schema = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Codes any subject may answer with whatever its contract says: the transport's own. */
export const TRANSPORT_ERROR_CODES = ['INTERNAL', 'SERVICE_UNAVAILABLE', 'RPC_TIMEOUT', 'PAYLOAD_TOO_LARGE', 'NOT_FOUND'];

export const PUBLISHED_DOCUMENT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/asyncapi.json');

interface AsyncApiDocument {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: { schemas: Record<string, Schema>; messages: Record<string, Schema & { payload: Schema; 'x-errors'?: string[] }> };
}

const DOC_ID = 'asyncapi.json';

/** `#/components/…` → `asyncapi.json#/components/…`, so that a piece validates on its own. */
function absoluteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absoluteRefs);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : absoluteRefs(v)]),
  );
}

export class ContractChecker {
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
  private readonly replies = new Map<string, { data: Schema; errors: string[] }>();
  private readonly events = new Map<string, Schema>();
  private readonly compiled = new WeakMap<Schema, ValidateFunction>();

  constructor(private readonly doc: AsyncApiDocument = JSON.parse(fs.readFileSync(PUBLISHED_DOCUMENT, 'utf8')) as AsyncApiDocument) {
    this.ajv.addSchema({ components: doc.components } as Schema, DOC_ID);
    for (const channel of Object.values(doc.channels)) {
      const reply = channel.messages.reply && this.message(channel.messages.reply.$ref);
      const event = channel.messages.event && this.message(channel.messages.event.$ref);
      if (reply) {
        const ok = (reply.payload.oneOf as Schema[])[0]!;
        this.replies.set(channel.address, { data: (ok.properties as Schema).data as Schema, errors: reply['x-errors'] ?? [] });
      }
      if (event) this.events.set(channel.address, ((event.payload.allOf as Schema[])[1]!.properties as Schema).data as Schema);
    }
  }

  /** Every subject the document publishes: request subjects, then events. */
  get subjects(): { requests: string[]; events: string[] } {
    return { requests: [...this.replies.keys()], events: [...this.events.keys()] };
  }

  /** Problems of one reply (`{ok, data}` or `{ok: false, error}`) to a published `subject`; empty when it matches. */
  checkReply(subject: string, reply: unknown): string[] {
    const contract = this.replies.get(subject);
    // A subject outside the catalog is no service's (the broker's permissions, generated from the catalog, let none serve it): a test's own.
    if (!contract) return [];
    const body = reply as { ok?: unknown; data?: unknown; error?: { code?: unknown } };
    if (body?.ok === true) return this.check(contract.data, body.data, 'data');
    if (body?.ok === false && typeof body.error?.code === 'string') {
      const code = body.error.code;
      return contract.errors.includes(code) || TRANSPORT_ERROR_CODES.includes(code) ? [] : [`error code ${code} is not among the subject's published errors`];
    }
    return ['neither {ok: true, data} nor {ok: false, error: {code, message}}'];
  }

  /** Problems of one event envelope; empty when it matches. */
  checkEvent(envelope: unknown): string[] {
    const subject = (envelope as { subject?: unknown })?.subject;
    if (typeof subject !== 'string') return ['an event without a subject'];
    const data = this.events.get(subject);
    if (!data) return [`${subject} is not a published event`];
    const { data: payload, ...rest } = envelope as { data: unknown };
    return [...this.check({ $ref: '#/components/schemas/EventEnvelope' }, { ...rest, data: {} }, 'envelope'), ...this.check(data, payload, 'data')];
  }

  private message(ref: string) {
    return this.doc.components.messages[ref.replace('#/components/messages/', '')]!;
  }

  private validator(schema: Schema): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(absoluteRefs(schema) as Schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  private check(schema: Schema, value: unknown, at: string): string[] {
    const validate = this.validator(schema);
    if (!validate(value)) {
      return (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${at}${e.instancePath} ${e.message}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
    }
    return this.unknownFields(schema, value, at);
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
      const name = s.$ref.replace('#/components/schemas/', '');
      const { $ref: _ref, ...siblings } = s;
      s = { ...(this.doc.components.schemas[name] ?? {}), ...siblings };
    }
    return s;
  }

  /** Fields present in the value that the schema does not name (objects without `additionalProperties`). */
  private unknownFields(schema: Schema, value: unknown, at: string, out: string[] = []): string[] {
    let s = this.resolve(schema);
    for (const key of ['anyOf', 'oneOf'] as const) {
      const branches = s[key] as Schema[] | undefined;
      if (branches) {
        const match = branches.find((b) => this.validator(b)(value));
        if (match) return this.unknownFields(match, value, at, out);
      }
    }
    if (Array.isArray(s.allOf)) {
      const parts = (s.allOf as Schema[]).map((p) => this.resolve(p));
      s = { ...s, properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), s.properties ?? {}) };
    }
    if (Array.isArray(value)) {
      if (s.items && typeof s.items === 'object') value.forEach((item, i) => this.unknownFields(s.items as Schema, item, `${at}/${i}`, out));
      return out;
    }
    if (!value || typeof value !== 'object') return out;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const [key, item] of Object.entries(value)) {
      if (key in properties) this.unknownFields(properties[key]!, item, `${at}/${key}`, out);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object')
        this.unknownFields(s.additionalProperties as Schema, item, `${at}/${key}`, out);
      else if (s.properties && s.additionalProperties === undefined && !s.patternProperties) out.push(`${at}/${key} is not in the schema`);
    }
    return out;
  }
}
