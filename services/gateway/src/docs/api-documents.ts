import {
  ALL_EVENTS, ALL_REQUESTS, DEPARTMENT_SYSTEMS, departmentConsumers, errorsOf, EVENT_STREAM, identityRequired, publishedSchema, publishedSchemas, RpcHeaders,
} from '@shanyu/contracts';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

export { ALL_EVENTS, ALL_REQUESTS };

/** Every request class's JSON Schema, generated from its class-validator rules, plus the reply and event shapes of the catalog. */
export function componentSchemas(): Record<string, object> {
  const generated = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, object>;
  // Configuration classes (environment settings, documented in docs/configuration.md) are validated by class-validator too: not contracts.
  const contracts = Object.fromEntries(Object.entries(generated).filter(([name]) => !name.endsWith('Config')));
  return { ...contracts, ...publishedSchemas() };
}

/**
 * The published subject list (AsyncAPI 3.0): every NATS request subject with its request and
 * reply schema, and every event with its envelope and data — readable without TypeScript.
 */
export function asyncApiDocument(): object {
  const channels: Record<string, object> = {};
  const operations: Record<string, object> = {};
  const messages: Record<string, object> = {};
  for (const entry of ALL_REQUESTS) {
    const id = entry.subject.replace(/\./g, '_');
    const requestSchema = entry.request ? { $ref: `#/components/schemas/${entry.request.name}` } : { type: 'object' };
    messages[`${id}_request`] = {
      name: `${entry.subject} request`,
      headers: {
        type: 'object',
        required: identityRequired(entry.subject) ? [RpcHeaders.identity] : [],
        properties: {
          [RpcHeaders.identity]: {
            type: 'string',
            description: identityRequired(entry.subject)
              ? 'Identity token (JWS, EdDSA) issued by the gateway: POST /api/v1/auth/nats-token with your API client credentials. Who acts comes from it alone; missing, forged or expired: IDENTITY_MISSING / IDENTITY_INVALID / IDENTITY_EXPIRED'
              : 'Not needed on this subject (public)',
          },
          [RpcHeaders.requestId]: { type: 'string', description: 'Request id for tracing' },
          traceparent: { type: 'string', description: 'W3C trace context (optional): the service answers in a child span of this trace' },
        },
      },
      payload: requestSchema,
    };
    messages[`${id}_reply`] = {
      name: `${entry.subject} reply`,
      payload: {
        oneOf: [
          { type: 'object', required: ['ok', 'data'], properties: { ok: { const: true }, data: publishedSchema(entry.reply) } },
          { type: 'object', required: ['ok', 'error'], properties: { ok: { const: false }, error: { $ref: '#/components/schemas/ErrorBody' } } },
        ],
      },
      description: `Error codes: ${errorsOf(entry).join(', ')}`,
      // The same list for machines (the CI drift check reads it).
      'x-errors': errorsOf(entry),
    };
    channels[id] = {
      address: entry.subject,
      description: `${entry.summary}. Queue group: ${entry.service}.`,
      messages: { request: { $ref: `#/components/messages/${id}_request` }, reply: { $ref: `#/components/messages/${id}_reply` } },
    };
    operations[id] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      summary: entry.summary,
      reply: { channel: { $ref: `#/channels/${id}` }, messages: [{ $ref: `#/channels/${id}/messages/reply` }] },
    };
  }
  for (const entry of ALL_EVENTS) {
    const id = entry.subject.replace(/\./g, '_');
    messages[id] = {
      name: entry.subject,
      headers: {
        type: 'object',
        properties: {
          'Nats-Msg-Id': { type: 'string', description: 'equals eventId' },
          traceparent: { type: 'string', description: 'W3C trace context of the call that caused the event (absent for untraced writes)' },
          [RpcHeaders.requestId]: { type: 'string', description: 'request id of the call that caused the event' },
        },
      },
      payload: {
        allOf: [{ $ref: '#/components/schemas/EventEnvelope' }, { type: 'object', properties: { data: publishedSchema(entry.data) } }],
      },
    };
    channels[id] = {
      address: entry.subject,
      description: `${entry.summary}. JetStream stream ${EVENT_STREAM}; a department system pulls it from a durable consumer the platform provisions for it (x-department-systems: durables) and acks it.`,
      messages: { event: { $ref: `#/components/messages/${id}` } },
    };
    operations[id] = { action: 'send', channel: { $ref: `#/channels/${id}` }, summary: entry.summary };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Shanyu 善育 — NATS subjects and events',
      version: '1.0.0',
      description:
        'Requests: core NATS request/reply, JSON bodies, reply {ok,data} or {ok:false,error}. Who acts is the identity token in header ' +
        '`shanyu-identity` (Ed25519-signed by the gateway; a department system gets one with POST /api/v1/auth/nats-token and its API client ' +
        'credentials, valid 5 minutes): services take department, role and divisions from its verified claims and never from a header or body. ' +
        `Events: JetStream stream ${EVENT_STREAM} (subjects evt.>), each an EventEnvelope; dead letters on dlq.<consumer>.`,
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: 'nats:4222',
        protocol: 'nats',
        description: 'Each client is a NATS user allowed only its subjects (README "Security: NATS permissions"); connect with inbox prefix _INBOX.<user>.',
        security: [{ $ref: '#/components/securitySchemes/natsUser' }],
      },
    },
    channels,
    operations,
    components: {
      schemas: componentSchemas(),
      messages,
      securitySchemes: {
        natsUser: {
          type: 'userPassword',
          description: 'A NATS user and password: one per service, one per department system (dept-<department>), given by the platform operator.',
        },
      },
    },
    // What each department system's NATS user may call and follow (generated from the same catalog as the server's permissions):
    // `follows` the subjects it may subscribe to, `durables` the pull consumers on EVENTS the platform provisions for it.
    'x-department-systems': DEPARTMENT_SYSTEMS.map((d) => ({
      user: d.user, department: d.department, purpose: d.purpose, requests: d.reads, follows: d.consumers.map((c) => c.filter),
      durables: departmentConsumers().filter((c) => c.user === d.user).map((c) => ({ name: c.name, filterSubject: c.filterSubject })),
    })),
  };
}
