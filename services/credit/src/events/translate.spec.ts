import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@shanyu/common';
import { type EventEnvelope, InspectionEvents, RegistryEvents, StaffEvents, SubsidyEvents } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { loadCreditModels } from '../model/credit-model.js';
import { CREDIT_RULE_DOCUMENTS } from '../model/credit-models.data.js';
import { classify, TRANSLATORS } from './translate.js';

const models = loadCreditModels(CREDIT_RULE_DOCUMENTS);
const institutionId = randomUUID();
const envelope = (subject: string, data: unknown, occurredAt = '2026-11-02T01:00:00.000Z'): EventEnvelope => ({
  eventId: randomUUID(),
  subject,
  occurredAt,
  actor: SYSTEM_ACTOR,
  entityId: institutionId,
  data,
});
const finding = (overrides: Record<string, unknown> = {}) => ({
  findingId: randomUUID(),
  inspectionId: randomUUID(),
  institutionId,
  divisionCode: '330106109',
  department: 'fire',
  itemCode: 'FIRE-01',
  severity: 'major',
  basic: false,
  deadline: '2026-11-20',
  ...overrides,
});
const institution = { id: institutionId, name: '小太阳托育园', divisionCode: '330106109', version: 3 };

const facts = (e: EventEnvelope) => {
  const c = classify(e, models);
  if (c.kind !== 'facts') throw new Error(`expected facts, got ${JSON.stringify(c)}`);
  return c.facts;
};

describe("translating other services' events into ledger facts", () => {
  it('registry: filing approved, 普惠 granted and revoked, 示范', () => {
    expect(
      facts(
        envelope(RegistryEvents.filingApproved, {
          filingId: randomUUID(),
          institutionId,
          divisionCode: '330106109',
          receiptNo: '330106-2026-0001',
          institution,
        }),
      ),
    ).toEqual([expect.objectContaining({ institutionId, eventType: 'filing_approved', occurredOn: '2026-11-02', divisionCode: '330106109' })]);
    expect(facts(envelope(RegistryEvents.inclusiveGranted, { institution }))[0]!.eventType).toBe('inclusive_granted');
    expect(facts(envelope(RegistryEvents.inclusiveRevoked, { institution, reason: '超出价格上限' }))[0]!.eventType).toBe('inclusive_revoked');
    expect(facts(envelope(RegistryEvents.demonstrationDesignated, { institution, designation: { year: 2026 } }))[0]).toMatchObject({
      eventType: 'demonstration_designated',
      facts: { year: 2026 },
    });
  });

  it('inspection: a completed inspection counts as clean only without findings and not as a re-inspection', () => {
    const completed = (o: Record<string, unknown>) =>
      envelope(InspectionEvents.inspectionCompleted, {
        inspectionId: randomUUID(),
        kind: 'planned',
        institutionId,
        divisionCode: '330106109',
        departments: ['fire'],
        completedOn: '2026-10-30',
        summary: { items: 10, pass: 10, fail: 0, notApplicable: 0 },
        basicItemFailed: false,
        findingIds: [],
        originalInspectionId: null,
        ...o,
      });
    expect(facts(completed({}))).toEqual([expect.objectContaining({ eventType: 'inspection_clean', occurredOn: '2026-10-30' })]);
    expect(facts(completed({ findingIds: [randomUUID()] }))).toEqual([]);
    expect(facts(completed({ kind: 'reinspection' }))).toEqual([]);
  });

  it('inspection: findings by severity, corrected on time or late, uncorrected, overdue', () => {
    expect(facts(envelope(InspectionEvents.findingRecorded, finding({ severity: 'critical' })))[0]!.eventType).toBe('finding_recorded.critical');
    expect(facts(envelope(InspectionEvents.findingOverdue, finding({ severity: 'minor' })))[0]!.eventType).toBe('finding_overdue.minor');
    const closed = (closedOn: string, subject: string = InspectionEvents.findingCorrected) =>
      facts(envelope(subject, { ...finding(), status: 'corrected', closedOn, by: 'verification', reinspectionId: null }))[0]!;
    expect(closed('2026-11-20')).toMatchObject({ eventType: 'finding_corrected_on_time', occurredOn: '2026-11-20' });
    expect(closed('2026-11-21')).toMatchObject({ eventType: 'finding_corrected_late', occurredOn: '2026-11-21' });
    expect(closed('2026-11-25', InspectionEvents.findingUncorrected)).toMatchObject({ eventType: 'finding_uncorrected' });
  });

  it('inspection: one entry per penalty kind of a decision (并处), on the day it was issued', () => {
    const penalty = envelope(InspectionEvents.penaltyIssued, {
      penaltyId: randomUUID(),
      findingId: randomUUID(),
      institutionId,
      divisionCode: '330106109',
      department: 'fire',
      penaltyItemCode: 'PFIRE-01',
      kinds: ['warning', 'fine'],
      fineFen: 500_000,
      decisionNo: '西消行罚决字〔2026〕0012号',
      issuedOn: '2026-11-01',
    });
    expect(facts(penalty).map((f) => [f.eventType, f.occurredOn])).toEqual([
      ['penalty_issued.warning', '2026-11-01'],
      ['penalty_issued.fine', '2026-11-01'],
    ]);
  });

  it('inspection: only a substantiated complaint counts', () => {
    const complaint = (outcome: string) =>
      envelope(InspectionEvents.complaintClosed, {
        complaintId: randomUUID(),
        institutionId,
        divisionCode: '330106109',
        department: 'market',
        category: 'food',
        outcome,
        summary: '…',
        closedOn: '2026-10-15',
      });
    expect(facts(complaint('substantiated'))[0]).toMatchObject({ eventType: 'complaint_substantiated', occurredOn: '2026-10-15' });
    expect(facts(complaint('unsubstantiated'))).toEqual([]);
    expect(facts(complaint('rejected'))).toEqual([]);
  });

  it('staff: vetting rejected by reason, a ban matched on current staff, a ratio breach', () => {
    const base = { institutionId, divisionCode: '330106109', ownerUserId: null };
    expect(
      facts(
        envelope(StaffEvents.vettingRejected, {
          ...base,
          attemptId: randomUUID(),
          staffId: null,
          reason: 'BANNED',
          refId: randomUUID(),
          nameMasked: '王*',
          idNumberMasked: 'x',
          role: 'carer',
        }),
      )[0]!.eventType,
    ).toBe('staff_vetting_rejected.BANNED');
    expect(
      facts(
        envelope(StaffEvents.banMatched, {
          ...base,
          banId: randomUUID(),
          staffId: randomUUID(),
          banKind: 'lifetime',
          authority: '公安',
          documentNo: 'X-1',
          nameMasked: '王*',
          idNumberMasked: 'x',
        }),
      )[0]!.eventType,
    ).toBe('staff_ban_matched');
    expect(
      facts(
        envelope(StaffEvents.ratioBreached, {
          ...base,
          classType: 'infant',
          children: 10,
          enrolmentSource: 'roster',
          carers: 2,
          childrenPerCarer: 5,
          requiredCarers: 4,
          rulesVersion: 'x',
        }),
      )[0]!.eventType,
    ).toBe('staff_ratio_breached');
  });

  it('subsidy: a duplicated roster claim is an entry for each institution listed', () => {
    const other = randomUUID();
    const duplicated = facts(
      envelope(SubsidyEvents.claimDuplicated, {
        month: '2026-10',
        childKey: 'k'.repeat(64),
        institutions: [
          { institutionId, divisionCode: '330106109' },
          { institutionId: other, divisionCode: '330106004' },
        ],
      }),
    );
    expect(duplicated.map((f) => [f.institutionId, f.eventType, f.divisionCode])).toEqual([
      [institutionId, 'subsidy_claim_duplicated', '330106109'],
      [other, 'subsidy_claim_duplicated', '330106004'],
    ]);
    expect(JSON.stringify(duplicated)).not.toContain('kkkk');
  });

  it('every translator produces only event types the model scores', () => {
    expect(Object.keys(TRANSLATORS).every((s) => models.watchedSubjects.some((p) => s.startsWith(p)))).toBe(true);
  });
});

describe('events the service cannot use are dead-lettered with the reason, irrelevant ones ignored', () => {
  it('a credit event whose data does not parse (unknown severity, missing institution, no kinds)', () => {
    const bad = [
      envelope(InspectionEvents.findingRecorded, finding({ severity: 'catastrophic' })),
      envelope(StaffEvents.banMatched, { banId: randomUUID(), divisionCode: '330106' }),
      envelope(InspectionEvents.penaltyIssued, {
        penaltyId: randomUUID(),
        institutionId,
        divisionCode: '330106109',
        department: 'fire',
        kinds: [],
        decisionNo: 'x',
        issuedOn: '2026-11-01',
      }),
      envelope(RegistryEvents.filingApproved, null),
    ];
    const results = bad.map((e) => classify(e, models));
    for (const r of results) expect(r).toMatchObject({ kind: 'dead', code: 'MALFORMED_CREDIT_EVENT' });
    expect(results.map((r) => (r as { error: string }).error)).toEqual([
      expect.stringMatching(/data\.severity: expected one of minor, major, critical, got "catastrophic"/),
      expect.stringMatching(/data\.institutionId: expected a uuid/),
      expect.stringMatching(/data\.kinds: expected a non-empty list/),
      expect.stringMatching(/data: expected an object/),
    ]);
  });

  it('an event without its division leaves it to the register replica (null); a division that is not a string is malformed', () => {
    const ban = { institutionId, banId: randomUUID(), staffId: randomUUID(), banKind: 'lifetime', authority: null, documentNo: null };
    for (const divisionCode of ['', null, undefined]) {
      expect(facts(envelope(StaffEvents.banMatched, { ...ban, divisionCode }))).toEqual([
        expect.objectContaining({ eventType: 'staff_ban_matched', divisionCode: null }),
      ]);
    }
    expect(facts(envelope(InspectionEvents.findingRecorded, finding({ divisionCode: '' })))[0]).toMatchObject({ divisionCode: null });
    expect(classify(envelope(StaffEvents.banMatched, { ...ban, divisionCode: 330106 }), models)).toMatchObject({
      kind: 'dead',
      code: 'MALFORMED_CREDIT_EVENT',
      error: expect.stringContaining('data.divisionCode: expected a string'),
    });
    // The registry's own events always carry it.
    expect(classify(envelope(RegistryEvents.filingApproved, { filingId: randomUUID(), institutionId, divisionCode: '', institution }), models)).toMatchObject({
      kind: 'dead',
      code: 'MALFORMED_CREDIT_EVENT',
    });
  });

  it('a new version of a credit-relevant subject is unknown, not silently dropped', () => {
    const r = classify(envelope('evt.inspection.finding.recorded.v2', finding()), models);
    expect(r).toMatchObject({ kind: 'dead', code: 'UNKNOWN_CREDIT_EVENT', error: expect.stringContaining('evt.inspection.finding.recorded.') });
  });

  it('events that are not about credit are ignored', () => {
    for (const subject of [
      StaffEvents.credentialExpiring,
      RegistryEvents.populationLoaded,
      RegistryEvents.institutionRegistered,
      InspectionEvents.planDrawn,
      'evt.subsidy.run.approved.v1',
    ]) {
      expect(classify(envelope(subject, { anything: true }), models)).toEqual({ kind: 'ignore' });
    }
  });
});
