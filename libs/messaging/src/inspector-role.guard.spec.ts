import type { ExecutionContext } from '@nestjs/common';
import { type Actor, ActorTokenSigner, ActorTokenVerifier, generateIdentityKeyPair } from '@shanyu/common';
import { type ContractEntry, RpcHeaders } from '@shanyu/contracts';
import { headers } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { InspectorRoleGuard } from './inspector-role.guard.js';
import { RpcCallContext } from './rpc-context.js';

const keys = generateIdentityKeyPair();
const signer = new ActorTokenSigner(keys.signingKey);
const verifier = new ActorTokenVerifier(keys.publicKey);

const entry = (subject: string, inspector?: true): ContractEntry => ({
  subject,
  service: 'inspection',
  summary: '',
  request: null,
  reply: 'X',
  ...(inspector ? { inspector } : {}),
});
const guard = new InspectorRoleGuard([
  entry('inspection.inspection.results', true),
  entry('inspection.penalty.issue'),
  entry('inspection.public.inspection.list'),
]);
const call = (subject: string, actor?: Partial<Actor>): ExecutionContext => {
  const h = headers();
  if (actor) h.set(RpcHeaders.identity, signer.tokenFor({ divisions: ['330106'], userId: 'u1', department: 'fire', role: 'official', ...actor }).token);
  const context = new RpcCallContext(subject, h, verifier);
  return { getType: () => 'rpc', switchToRpc: () => ({ getContext: () => context }) } as unknown as ExecutionContext;
};
const outcome = (ctx: ExecutionContext) => {
  try {
    return guard.canActivate(ctx) ? 'allowed' : 'refused';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('the role rule of a service (InspectorRoleGuard)', () => {
  it('lets an inspector account call only its visit work and public subjects', () => {
    expect(outcome(call('inspection.inspection.results', { role: 'inspector' }))).toBe('allowed');
    expect(outcome(call('inspection.public.inspection.list', { role: 'inspector' }))).toBe('allowed');
    expect(outcome(call('inspection.penalty.issue', { role: 'inspector' }))).toBe('ROLE_NOT_ALLOWED');
    expect(outcome(call('inspection.unknown.subject', { role: 'inspector' }))).toBe('ROLE_NOT_ALLOWED');
  });

  it('leaves every other role to the handlers, and refuses a call without an identity', () => {
    for (const role of ['official', 'operator', 'admin', 'system'] as const) expect(outcome(call('inspection.penalty.issue', { role }))).toBe('allowed');
    expect(outcome(call('inspection.penalty.issue'))).toBe('IDENTITY_MISSING');
  });
});
