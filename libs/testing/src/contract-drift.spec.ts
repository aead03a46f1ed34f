import { describe, expect, it } from 'vitest';
import { ContractChecker } from './contract-drift.js';
import { registeredInstitutionView } from './factories.js';

// Against the committed docs/asyncapi.json: what the drift check of the integration suite applies.
const checker = new ContractChecker();
const institution = registeredInstitutionView(
  { id: '6f1c2a8e-4b7d-4c1e-9a3f-0d2b5e8c7a11', name: '小星星托育园', divisionCode: '330106109' },
  '2026-03-01T08:00:00.000Z',
);

describe('the contract drift check', () => {
  it('accepts a reply as published', () => {
    expect(checker.checkReply('registry.institution.get', { ok: true, data: institution })).toEqual([]);
  });

  it('names a wrong type, a missing field and a field the schema does not name', () => {
    expect(checker.checkReply('registry.institution.get', { ok: true, data: { ...institution, floor: '1' } })).toEqual([expect.stringContaining('data/floor')]);
    const { uscc: _uscc, ...withoutUscc } = institution;
    expect(checker.checkReply('registry.institution.get', { ok: true, data: withoutUscc })).toEqual([expect.stringContaining('uscc')]);
    expect(checker.checkReply('registry.institution.get', { ok: true, data: { ...institution, secret: 1 } })).toEqual(['data/secret is not in the schema']);
  });

  it("accepts the published error codes and the transport's, names any other", () => {
    expect(checker.checkReply('inspection.inspection.create', { ok: false, error: { code: 'CHECKLIST_NOT_IN_FORCE', message: '…' } })).toEqual([]);
    expect(checker.checkReply('registry.institution.get', { ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: '…' } })).toEqual([]);
    expect(checker.checkReply('registry.institution.get', { ok: false, error: { code: 'PLAN_NOT_FOUND', message: '…' } })).toEqual([
      "error code PLAN_NOT_FOUND is not among the subject's published errors",
    ]);
  });

  it("checks an event's envelope and data", () => {
    const envelope = {
      eventId: '0b5c8f3e-2d4a-4e6b-8c1f-7a9d3e5b2c40',
      subject: 'evt.registry.institution.registered.v1',
      occurredAt: '2026-03-01T08:00:00.000Z',
      actor: { department: 'market', role: 'official', userId: 'u1', divisions: ['330106'] },
      entityId: institution.id,
      data: { institution },
    };
    expect(checker.checkEvent(envelope)).toEqual([]);
    expect(checker.checkEvent({ ...envelope, data: {} })).toEqual([expect.stringContaining('institution')]);
    expect(checker.checkEvent({ ...envelope, subject: 'evt.registry.institution.vanished.v1' })).toEqual([
      'evt.registry.institution.vanished.v1 is not a published event',
    ]);
  });
});
