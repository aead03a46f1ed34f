import type { ErrorCode } from '@shanyu/common';
import { type Static, type TSchema, type TUnsafe, Type } from '@sinclair/typebox';
import type { EventEnvelope } from './events.js';

// One declaration per contract. A request subject is `defineRpc({...})`: its request class (the
// class-validator rules the service validates with, and from which the request schema is
// generated), its reply schema (TypeBox: a JSON Schema whose static type is the reply's type),
// the errors it answers with and who may call it. An event is `defineEvent({...})`. The catalog,
// the AsyncAPI document, the NATS permissions, the gateway's OpenAPI replies and error lists, the
// typed calls (`RpcClient.call`, `Transaction.publish`, `EventRoutes.on`) and the CI drift check
// all read these objects: nothing links a contract's parts by a string any more.

/** A class-validator request class: the service validates bodies against it; its instance type is the request's type. */
export type RequestClass<T extends object = object> = new () => T;

/** The body of a subject that takes none (pings, audit verification): `{}`. */
export type NoBody = Record<string, never>;

export interface RpcDef<Req extends object = object, Rep extends TSchema = TSchema, S extends string = string> {
  readonly kind: 'rpc';
  /** `<service>.<entity>.<verb>`; the queue group is the service. */
  readonly subject: S;
  readonly service: string;
  readonly summary: string;
  /** The request class; null when the subject takes no body. */
  readonly request: RequestClass<Req> | null;
  /** JSON Schema of the reply's `data` (TypeBox). */
  readonly reply: Rep;
  /** Error codes its handler may answer with (the identity and role refusals are added by `errorsOf`). */
  readonly errors: readonly ErrorCode[];
  /** An inspector account may call it: the work of the visits it is assigned to (see `inspectorMayCall`). */
  readonly inspector?: true;
}

// `any`: a definition of any request and reply type is an RpcDef (the request class is contravariant).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRpcDef = RpcDef<any, TSchema>;

/** The request body type of a subject. */
export type RequestOf<D> = D extends RpcDef<infer Req, TSchema> ? Req : never;
/** The reply `data` type of a subject. */
export type ReplyOf<D> = D extends RpcDef<object, infer Rep> ? Static<Rep> : never;

export function defineRpc<Rep extends TSchema, S extends string, Req extends object = NoBody>(def: {
  subject: S;
  summary: string;
  request: RequestClass<Req> | null;
  reply: Rep;
  errors?: readonly ErrorCode[];
  inspector?: true;
}): RpcDef<Req, Rep, S> {
  return { kind: 'rpc', service: def.subject.split('.')[0]!, ...def, errors: def.errors ?? [] };
}

export interface EventDef<Data extends TSchema = TSchema, S extends string = string> {
  readonly kind: 'event';
  /** `evt.<service>.<entity>.<past-tense>.v<version>`. */
  readonly subject: S;
  readonly service: string;
  readonly version: number;
  readonly summary: string;
  /** JSON Schema of the envelope's `data` (TypeBox). */
  readonly data: Data;
}

export type AnyEventDef = EventDef<TSchema>;

/** The `data` type of an event. */
export type DataOf<D> = D extends EventDef<infer Data> ? Static<Data> : never;
/** The envelope of an event, its `data` typed. */
export type EventOf<D> = EventEnvelope<DataOf<D>>;

/** `subject` without its version: `defineEvent({ subject: 'evt.credit.grade.changed', version: 1, … })` is `evt.credit.grade.changed.v1`. */
export function defineEvent<Data extends TSchema, S extends string, V extends number>(def: {
  subject: S;
  version: V;
  summary: string;
  data: Data;
}): EventDef<Data, `${S}.v${V}`> {
  const [prefix, service] = def.subject.split('.');
  if (prefix !== 'evt' || !service) throw new Error(`event subject ${def.subject} must start with evt.<service>.`);
  return { kind: 'event', service, ...def, subject: `${def.subject}.v${def.version}` as `${S}.v${V}` };
}

/** The subjects of a group of definitions, by the same keys (`RegistrySubjects.getInstitution`). */
export function subjectsOf<T extends Record<string, { subject: string }>>(defs: T): { readonly [K in keyof T]: T[K]['subject'] } {
  return Object.fromEntries(Object.entries(defs).map(([key, def]) => [key, def.subject])) as { [K in keyof T]: T[K]['subject'] };
}

// ---- schema helpers ------------------------------------------------------------------------------
// A schema given `$id` is published once, as a named component (`#/components/schemas/<$id>`), and
// referred to wherever it is used (componentSchemas()).

/** A string out of a fixed list, published as `{type: 'string', enum}` (TypeBox's own would be anyOf of consts). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** Who did something: the department and the user id (no name, no role). */
export const ActorRef = Type.Object({ department: Type.String(), userId: Type.String() });

/** `T | null`. */
export function Nullable<T extends TSchema>(schema: T, options: { description?: string } = {}) {
  return Type.Union([schema, Type.Null()], options);
}

/** A page of items: `{items, total, page, pageSize}`, named `name`. */
export function PageOf<T extends TSchema>(item: T, name: string) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }, { $id: name });
}

/**
 * A reply or event shape still documented by a hand-written schema in REPLY_SCHEMAS, typed by its
 * interface: the definition refers to it by its component name until the feature is converted.
 */
export function Described<T>(name: string): TUnsafe<T> {
  return Type.Unsafe<T>({ $ref: `#/components/schemas/${name}` });
}

/** Narrows an envelope to the event `def` by its subject, its `data` then typed: `if (isEvent(CreditEvt.gradeChanged, event)) event.data.to`. */
export function isEvent<D extends EventDef>(def: D, event: EventEnvelope): event is EventOf<D> {
  return event.subject === def.subject;
}

/** An object of any keys whose values are `value` (`additionalProperties`), e.g. inspectors by department. */
export function MapOf<T extends TSchema>(value: T, options: { description?: string } = {}): TUnsafe<Record<string, Static<T>>> {
  return Type.Unsafe<Record<string, Static<T>>>(Type.Object({}, { additionalProperties: value, ...options }));
}
