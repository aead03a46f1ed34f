import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import { CREDIT_EVENT_TYPES, CREDIT_GRADES, LISTING_STATUSES } from './credit.contracts.js';

const Grade = StringEnum(CREDIT_GRADES, { description: 'A 优 / B 良 / C 中 / D 差' });

/** Why a grade is what it is: a D trigger (with its entry), or the score against the thresholds. */
export const GradeReason = t.Object(
  {
    kind: StringEnum(['d_trigger', 'score']),
    text: t.String(),
    ruleId: Nullable(t.String()),
    entryId: Nullable(t.String({ format: 'uuid' })),
    source: Nullable(t.String()),
  },
  { $id: 'GradeReason' },
);
export type GradeReason = Static<typeof GradeReason>;

/**
 * evt.credit.grade.changed.v1 — exactly once per change of an institution's grade (an event that
 * moved it, a repair, or the passage of time: decay, a D trigger's end, a new model version).
 * Joint incentives and punishments (守信联合激励、失信联合惩戒) follow it: inspection sets sampling
 * ratios and the abbreviated checklist, 示范 needs A or B; subsidy refuses a grade only where a
 * policy's own document does (a serious-breach listing, evt.credit.listing.*, is what refuses it by 国发〔2016〕33号).
 */
export const GradeChangedData = t.Object(
  {
    institutionId: t.String({ format: 'uuid' }),
    divisionCode: t.String(),
    from: StringEnum(CREDIT_GRADES, { description: "The grade before (the model's start grade when the institution had no standing yet)" }),
    to: Grade,
    grade: StringEnum(CREDIT_GRADES, { description: 'Same as `to` (for consumers that read `grade`)' }),
    score: t.Integer(),
    modelVersion: t.String({ description: 'The version of the document the grading (start score, thresholds) came from' }),
    modelJurisdiction: t.Optional(
      t.String({
        description: 'The jurisdiction of the model applied: 000000 (the national default) or the division whose own scheme is part of it (e.g. 371002 环翠区)',
        example: '000000',
      }),
    ),
    modelDocuments: t.Optional(t.Array(t.String(), { description: 'Every rule document version the model was composed from, national first' })),
    effectiveOn: t.String({ format: 'date', description: 'The day the new grade holds from (Asia/Shanghai)' }),
    reasons: t.Array(GradeReason),
  },
  { $id: 'GradeChangedData' },
);
export type GradeChangedData = Static<typeof GradeChangedData>;

const repairFields = {
  requestId: t.String({ format: 'uuid' }),
  institutionId: t.String({ format: 'uuid' }),
  divisionCode: t.String(),
  entryIds: t.Array(t.String({ format: 'uuid' })),
  reason: t.String(),
};

export const RepairRequestedData = t.Object(repairFields, { $id: 'RepairRequestedData' });
export type RepairRequestedData = Static<typeof RepairRequestedData>;

export const RepairDecidedData = t.Object(
  {
    ...repairFields,
    decision: StringEnum(['approve', 'reject']),
    decisionReason: t.String(),
    decidedOn: t.String({ format: 'date' }),
    ledgerEntryId: Nullable(t.String({ format: 'uuid' }), { description: 'The credit_repaired ledger entry (approvals only)' }),
    eventTypes: t.Array(StringEnum(CREDIT_EVENT_TYPES)),
  },
  { $id: 'RepairDecidedData' },
);
export type RepairDecidedData = Static<typeof RepairDecidedData>;

/** A step of a serious-breach listing (严重失信主体名单): its state after the step. */
export const ListingChangedData = t.Object(
  {
    listingId: t.String({ format: 'uuid' }),
    institutionId: t.String({ format: 'uuid' }),
    divisionCode: t.String(),
    status: StringEnum(LISTING_STATUSES),
    entryIds: t.Array(t.String({ format: 'uuid' })),
    statementDue: t.String({ format: 'date' }),
    decisionNo: Nullable(t.String()),
    publishedFrom: Nullable(t.String({ format: 'date' })),
    repairableFrom: Nullable(t.String({ format: 'date' })),
    publishedUntil: Nullable(t.String({ format: 'date', description: 'The publication ends by itself on this day (maximum period): no event marks it' })),
    removedOn: t.Optional(
      Nullable(
        t.String({
          format: 'date',
          description: 'The day it left the list (移出, on repair); null until then. Absent from events published before this field',
        }),
      ),
    ),
  },
  { $id: 'ListingChangedData' },
);
export type ListingChangedData = Static<typeof ListingChangedData>;

/**
 * Dead letter body of an event the credit service could not use (`dlq.<consumer>`, stream
 * DEADLETTER). code: UNKNOWN_CREDIT_EVENT (a watched subject the model has no translation for),
 * MALFORMED_CREDIT_EVENT, or UNKNOWN_INSTITUTION (the event names no division and the credit
 * service's copy of the register does not know the institution yet). Once the cause is fixed,
 * `dlq redrive` has the event recorded.
 */
export const CreditDeadLetter = t.Object(
  {
    consumer: t.String(),
    subject: t.String(),
    eventId: t.String(),
    code: StringEnum(['UNKNOWN_CREDIT_EVENT', 'MALFORMED_CREDIT_EVENT', 'UNKNOWN_INSTITUTION']),
    error: t.String(),
    failedAt: t.String({ format: 'date-time' }),
    event: t.Unknown(),
  },
  { $id: 'CreditDeadLetter' },
);
export type CreditDeadLetter = Static<typeof CreditDeadLetter>;
