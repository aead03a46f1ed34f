// Who may do what over NATS, for every department system: each NATS user (dept-<department>) ×
// every request subject of the platform × its own division, another division, no identity and a
// forged, altered or expired one. The broker decides which subjects a user reaches; the service
// decides, from the verified identity token alone, whom it answers and with what.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { ActorTokenSigner, type Department } from '@shanyu/common';
import { ALL_REQUEST_SUBJECTS, DEPARTMENT_SYSTEMS, identityRequired, natsInboxPrefix, RegistrySubjects } from '@shanyu/contracts';
import { institutionRequest, testNatsCredentials, testNatsUrl, testStackSecrets } from '@shanyu/testing';
import { connect, headers, type NatsConnection, PermissionViolationError } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentIdentityToken } from '../e2e/support.js';
import { type Stack, startTestStack } from '../support/stack.js';

const OWN = '330106';
const OTHER = '371002';
/** Codes that mean "not this caller": none may answer a caller reading what its department is given. */
const REFUSALS = [
  'IDENTITY_MISSING',
  'IDENTITY_INVALID',
  'IDENTITY_EXPIRED',
  'DEPARTMENT_NOT_ALLOWED',
  'ROLE_NOT_ALLOWED',
  'FORBIDDEN',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'RPC_TIMEOUT',
];

type Reply = { ok: boolean; data?: any; error?: { code: string } };

let stack: Stack<'registry' | 'inspection' | 'credit' | 'subsidy'>;
const connections = new Map<string, NatsConnection>();
/** Identity tokens as each department system obtains them: its API client, in its own and in another division. */
const identity = new Map<string, string>();
let institutionId: string;

async function as(user: string): Promise<NatsConnection> {
  if (!connections.has(user)) {
    const { NATS_PASSWORD } = testNatsCredentials(user);
    connections.set(user, await connect({ servers: testNatsUrl(), user, pass: NATS_PASSWORD, inboxPrefix: natsInboxPrefix(user), name: `authz-${user}` }));
  }
  return connections.get(user)!;
}

async function ask(user: string, subject: string, body: object, token?: string): Promise<Reply> {
  const h = headers();
  if (token) h.set('shanyu-identity', token);
  h.set('shanyu-request-id', `nats-authz-${randomUUID()}`);
  const msg = await (await as(user)).request(subject, JSON.stringify(body), { headers: h, timeout: 5_000 });
  return msg.json<Reply>();
}

/** A token with the real header and claims, signed with a key the gateway never had. */
function forged(real: string, claims: object): string {
  const [header, payload] = real.split('.');
  const input = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), ...claims })).toString('base64url')}`;
  return `${input}.${sign(null, Buffer.from(input), generateKeyPairSync('ed25519').privateKey).toString('base64url')}`;
}

beforeAll(async () => {
  const quiet = { LOG_LEVEL: 'error' };
  stack = await startTestStack({
    services: ['registry', 'inspection', 'credit', 'subsidy'],
    config: { inspection: quiet, credit: quiet, subsidy: { ...quiet, SUBSIDY_BUILTIN_POLICIES: 'off' } },
    startOptions: { inspection: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' }, subsidy: { eventsFrom: 'new' } },
  });
  for (const system of DEPARTMENT_SYSTEMS) {
    identity.set(`${system.user} own`, await departmentIdentityToken(stack, system.department, [OWN]));
    identity.set(`${system.user} other`, await departmentIdentityToken(stack, system.department, [OTHER]));
  }
  const market = await stack.tokenFor('market.330106');
  institutionId = (await stack.http.post('/api/v1/institutions').set('authorization', `Bearer ${market}`).send(institutionRequest()).expect(201)).body.id;
}, 120_000);

afterAll(async () => {
  for (const nc of connections.values()) await nc.close().catch(() => undefined);
  await stack?.stop();
});

describe.each(DEPARTMENT_SYSTEMS.map((s) => [s.user, s] as const))('%s over NATS', (user, system) => {
  const reads = new Set(system.reads);

  it('reaches exactly the subjects its department is given: every other request is refused by the broker', async () => {
    const refused: string[] = [];
    const answered: string[] = [];
    for (const subject of ALL_REQUEST_SUBJECTS) {
      const outcome = await ask(user, subject, {}, identity.get(`${user} own`)).then(
        () => 'answered',
        (e: Error & { cause?: unknown }) => (e.cause instanceof PermissionViolationError ? 'refused' : `failed: ${e.message}`),
      );
      if (outcome === 'refused') refused.push(subject);
      else if (outcome === 'answered') answered.push(subject);
      else throw new Error(`${subject}: ${outcome}`);
    }
    expect(answered.sort()).toEqual([...reads].sort());
    expect(refused.length).toBe(ALL_REQUEST_SUBJECTS.length - reads.size);
  }, 120_000);

  it('is answered on each of its subjects as its own department, and refused without, with a forged, an altered or an expired identity', async () => {
    const own = identity.get(`${user} own`)!;
    const expired = new ActorTokenSigner(testStackSecrets().IDENTITY_SIGNING_KEY, 60, () => Date.now() - 3_600_000).tokenFor({
      department: system.department as Department,
      role: 'system',
      userId: 'client:expired',
      divisions: [OWN],
    }).token;
    const [h, p, s] = own.split('.');
    const altered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), dept: 'admin', role: 'admin' })).toString('base64url')}.${s}`;
    const problems: string[] = [];
    for (const subject of reads) {
      const asOwn = await ask(user, subject, {}, own);
      if (!asOwn.ok && REFUSALS.includes(asOwn.error!.code)) problems.push(`${subject} as its own department: ${asOwn.error!.code}`);
      if (!identityRequired(subject)) continue;
      for (const [what, token, code] of [
        ['no identity', undefined, 'IDENTITY_MISSING'],
        ['a token forged as admin', forged(own, { dept: 'admin', role: 'admin' }), 'IDENTITY_INVALID'],
        ['an altered token', altered, 'IDENTITY_INVALID'],
        ['an expired token', expired, 'IDENTITY_EXPIRED'],
      ] as const) {
        const reply = await ask(user, subject, {}, token);
        if (reply.ok || reply.error!.code !== code) problems.push(`${subject} with ${what}: ${reply.ok ? 'answered' : reply.error!.code}, expected ${code}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('own and other division, as the verified identity says', () => {
  it('dept-health sees an institution of its division, and not one of another, whatever header it adds', async () => {
    const selfWritten = { 'shanyu-actor': JSON.stringify({ department: 'health', role: 'admin', userId: 'x', divisions: [OWN] }) };
    const own = await ask('dept-health', RegistrySubjects.getInstitution, { id: institutionId }, identity.get('dept-health own'));
    expect(own).toMatchObject({ ok: true, data: { id: institutionId } });
    const other = await ask('dept-health', RegistrySubjects.getInstitution, { id: institutionId }, identity.get('dept-health other'));
    expect(other.ok).toBe(false);
    expect(['DIVISION_OUT_OF_SCOPE', 'INSTITUTION_NOT_FOUND']).toContain(other.error!.code);
    const listedOwn = await ask('dept-health', RegistrySubjects.listInstitutions, { divisionCode: OWN }, identity.get('dept-health own'));
    expect(listedOwn.data.items.map((i: { id: string }) => i.id)).toContain(institutionId);
    const nc = await as('dept-health');
    const h = headers();
    h.set('shanyu-identity', identity.get('dept-health other')!);
    for (const [key, value] of Object.entries(selfWritten)) h.set(key, value);
    const listedOther = (await nc.request(RegistrySubjects.listInstitutions, JSON.stringify({}), { headers: h, timeout: 5_000 })).json<Reply>();
    expect(listedOther.ok ? listedOther.data.items.map((i: { id: string }) => i.id) : []).not.toContain(institutionId);
  });
});
