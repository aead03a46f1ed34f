import { isIsoDate, type IsoDate, shanghaiToday } from '@shanyu/common';
import {
  type CreditDeadLetter,
  type CreditEventType,
  type EventEnvelope,
  InspectionEvents,
  PENALTY_KINDS,
  RegistryEvents,
  SEVERITIES,
  StaffEvents,
  SubsidyEvents,
  VETTING_REASONS,
} from '@shanyu/contracts';
import type { CreditModels } from '../model/credit-model.js';

/** What one event of another service means for an institution's credit. */
export interface CreditFact {
  institutionId: string;
  /** From the event, when it says; the replica of the register knows it otherwise. */
  divisionCode: string | null;
  eventType: CreditEventType;
  /** The day of the fact (the model in force that day judges it), Asia/Shanghai. */
  occurredOn: IsoDate;
  ref: string | null;
  department: string | null;
  facts: Record<string, unknown>;
}

/** The event's data does not have the shape its contract documents. */
export class MalformedCreditEvent extends Error {
  override name = 'MalformedCreditEvent';
}

type Data = Record<string, unknown>;
type Translator = (data: Data, envelope: EventEnvelope) => CreditFact[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function field<T>(data: Data, name: string, check: (v: unknown) => boolean, expected: string): T {
  const value = data[name];
  if (!check(value)) throw new MalformedCreditEvent(`data.${name}: expected ${expected}, got ${JSON.stringify(value) ?? 'undefined'}`);
  return value as T;
}
const uuid = (data: Data, name: string) => field<string>(data, name, (v) => typeof v === 'string' && UUID.test(v), 'a uuid');
const text = (data: Data, name: string) => field<string>(data, name, (v) => typeof v === 'string' && v.length > 0, 'a string');
const optionalText = (data: Data, name: string) => (data[name] === undefined || data[name] === null ? null : text(data, name));
const date = (data: Data, name: string) => field<IsoDate>(data, name, isIsoDate, 'a YYYY-MM-DD date');
const oneOf = <T extends string>(data: Data, name: string, values: readonly T[]) =>
  field<T>(data, name, (v) => values.includes(v as T), `one of ${values.join(', ')}`);
/**
 * The institution's division as the event states it; null when it does not (missing or empty: a
 * publisher without a copy of the register, e.g. staff before its fix): the record step then takes
 * it from the credit service's replica of the register, or rejects the event (UNKNOWN_INSTITUTION).
 */
const division = (data: Data, name = 'divisionCode') => (data[name] === undefined || data[name] === null || data[name] === '' ? null : text(data, name));
const object = (data: Data, name: string) => field<Data>(data, name, (v) => !!v && typeof v === 'object' && !Array.isArray(v), 'an object');

/** The day the envelope says the event happened. */
function envelopeDay(envelope: EventEnvelope): IsoDate {
  const at = new Date(envelope.occurredAt);
  if (typeof envelope.occurredAt !== 'string' || Number.isNaN(at.getTime()))
    throw new MalformedCreditEvent(`occurredAt: not an ISO 8601 date-time (${JSON.stringify(envelope.occurredAt)})`);
  return shanghaiToday(at);
}

const one = (fact: Omit<CreditFact, 'occurredOn'> & { occurredOn?: IsoDate }, envelope: EventEnvelope): CreditFact[] => [
  { ...fact, occurredOn: fact.occurredOn ?? envelopeDay(envelope) },
];

/** The registry's status events carry the institution (an InstitutionView). */
function registryInstitution(data: Data): { id: string; divisionCode: string } {
  const institution = object(data, 'institution');
  return { id: uuid(institution, 'id'), divisionCode: text(institution, 'divisionCode') };
}

const fromRegistryStatus =
  (eventType: CreditEventType): Translator =>
  (data, envelope) => {
    const institution = registryInstitution(data);
    return one({ institutionId: institution.id, divisionCode: institution.divisionCode, eventType, ref: null, department: 'health', facts: {} }, envelope);
  };

function finding(data: Data) {
  return {
    findingId: uuid(data, 'findingId'),
    institutionId: uuid(data, 'institutionId'),
    divisionCode: division(data),
    department: text(data, 'department'),
    severity: oneOf(data, 'severity', SEVERITIES),
    itemCode: text(data, 'itemCode'),
  };
}

/**
 * One translator per subject (the contracts of the publishing services): subject → ledger facts.
 * An empty list is a valid event without a credit effect (e.g. an unsubstantiated complaint).
 */
export const TRANSLATORS: Record<string, Translator> = {
  [RegistryEvents.filingApproved]: (data, envelope) =>
    one(
      {
        institutionId: uuid(data, 'institutionId'),
        divisionCode: text(data, 'divisionCode'),
        eventType: 'filing_approved',
        ref: uuid(data, 'filingId'),
        department: 'health',
        facts: { receiptNo: optionalText(data, 'receiptNo') },
      },
      envelope,
    ),
  [RegistryEvents.inclusiveGranted]: fromRegistryStatus('inclusive_granted'),
  [RegistryEvents.inclusiveRevoked]: fromRegistryStatus('inclusive_revoked'),
  [RegistryEvents.demonstrationDesignated]: (data, envelope) => {
    const institution = registryInstitution(data);
    const designation = (data.designation ?? {}) as Data;
    return one(
      {
        institutionId: institution.id,
        divisionCode: institution.divisionCode,
        eventType: 'demonstration_designated',
        ref: null,
        department: 'health',
        facts: { year: typeof designation.year === 'number' ? designation.year : null },
      },
      envelope,
    );
  },

  [InspectionEvents.inspectionCompleted]: (data, envelope) => {
    const kind = text(data, 'kind');
    const findingIds = field<unknown[]>(data, 'findingIds', Array.isArray, 'an array');
    const basicItemFailed = field<boolean>(data, 'basicItemFailed', (v) => typeof v === 'boolean', 'a boolean');
    const base = { institutionId: uuid(data, 'institutionId'), divisionCode: division(data), occurredOn: date(data, 'completedOn') };
    // A re-inspection with nothing open only confirms corrections; it is not a clean inspection.
    if (kind === 'reinspection' || findingIds.length > 0 || basicItemFailed) return [];
    return one(
      { ...base, eventType: 'inspection_clean', ref: uuid(data, 'inspectionId'), department: null, facts: { kind, departments: data.departments ?? [] } },
      envelope,
    );
  },
  [InspectionEvents.findingRecorded]: (data, envelope) => {
    const f = finding(data);
    return one(
      {
        institutionId: f.institutionId,
        divisionCode: f.divisionCode,
        eventType: `finding_recorded.${f.severity}`,
        ref: f.findingId,
        department: f.department,
        facts: { severity: f.severity, itemCode: f.itemCode, deadline: optionalText(data, 'deadline'), basic: data.basic === true },
      },
      envelope,
    );
  },
  [InspectionEvents.findingOverdue]: (data, envelope) => {
    const f = finding(data);
    return one(
      {
        institutionId: f.institutionId,
        divisionCode: f.divisionCode,
        eventType: `finding_overdue.${f.severity}`,
        ref: f.findingId,
        department: f.department,
        facts: { severity: f.severity, itemCode: f.itemCode, deadline: date(data, 'deadline') },
      },
      envelope,
    );
  },
  [InspectionEvents.findingCorrected]: (data, envelope) => {
    const f = finding(data);
    const closedOn = date(data, 'closedOn');
    const deadline = date(data, 'deadline');
    return one(
      {
        institutionId: f.institutionId,
        divisionCode: f.divisionCode,
        eventType: closedOn <= deadline ? 'finding_corrected_on_time' : 'finding_corrected_late',
        ref: f.findingId,
        department: f.department,
        occurredOn: closedOn,
        facts: { severity: f.severity, itemCode: f.itemCode, deadline, closedOn, by: data.by ?? null },
      },
      envelope,
    );
  },
  [InspectionEvents.findingUncorrected]: (data, envelope) => {
    const f = finding(data);
    return one(
      {
        institutionId: f.institutionId,
        divisionCode: f.divisionCode,
        eventType: 'finding_uncorrected',
        ref: f.findingId,
        department: f.department,
        occurredOn: date(data, 'closedOn'),
        facts: { severity: f.severity, itemCode: f.itemCode, by: data.by ?? null },
      },
      envelope,
    );
  },
  [InspectionEvents.penaltyIssued]: (data) => {
    const kinds = field<string[]>(
      data,
      'kinds',
      (v) => Array.isArray(v) && v.length > 0 && v.every((k) => (PENALTY_KINDS as readonly unknown[]).includes(k)) && new Set(v).size === v.length,
      `a non-empty list of distinct penalty kinds (${PENALTY_KINDS.join(', ')})`,
    );
    const base = {
      institutionId: uuid(data, 'institutionId'),
      divisionCode: division(data),
      ref: uuid(data, 'penaltyId'),
      department: text(data, 'department'),
      occurredOn: date(data, 'issuedOn'),
    };
    const facts = {
      decisionNo: text(data, 'decisionNo'),
      penaltyItemCode: optionalText(data, 'penaltyItemCode'),
      fineFen: typeof data.fineFen === 'number' ? data.fineFen : null,
      findingId: data.findingId ?? null,
    };
    // 并处: each kind of the decision is its own entry.
    return kinds.map((kind) => ({ ...base, eventType: `penalty_issued.${kind}` as CreditEventType, facts: { ...facts, kind } }));
  },
  [InspectionEvents.complaintClosed]: (data, envelope) => {
    const outcome = oneOf(data, 'outcome', ['substantiated', 'unsubstantiated', 'rejected'] as const);
    const base = { institutionId: uuid(data, 'institutionId'), divisionCode: division(data), occurredOn: date(data, 'closedOn') };
    if (outcome !== 'substantiated') return [];
    return one(
      {
        ...base,
        eventType: 'complaint_substantiated',
        ref: uuid(data, 'complaintId'),
        department: optionalText(data, 'department'),
        facts: { category: data.category ?? null },
      },
      envelope,
    );
  },

  [StaffEvents.vettingRejected]: (data, envelope) => {
    const reason = oneOf(data, 'reason', VETTING_REASONS);
    return one(
      {
        institutionId: uuid(data, 'institutionId'),
        divisionCode: division(data),
        eventType: `staff_vetting_rejected.${reason}`,
        ref: uuid(data, 'attemptId'),
        department: reason === 'NO_RECENT_QUERY' ? 'health' : 'police',
        facts: { reason, role: data.role ?? null },
      },
      envelope,
    );
  },
  [StaffEvents.banMatched]: (data, envelope) =>
    one(
      {
        institutionId: uuid(data, 'institutionId'),
        divisionCode: division(data),
        eventType: 'staff_ban_matched',
        ref: uuid(data, 'banId'),
        department: 'police',
        facts: {
          staffId: uuid(data, 'staffId'),
          banKind: text(data, 'banKind'),
          authority: optionalText(data, 'authority'),
          documentNo: optionalText(data, 'documentNo'),
        },
      },
      envelope,
    ),
  [StaffEvents.ratioBreached]: (data, envelope) =>
    one(
      {
        institutionId: uuid(data, 'institutionId'),
        divisionCode: division(data),
        eventType: 'staff_ratio_breached',
        ref: null,
        department: 'health',
        facts: {
          classType: text(data, 'classType'),
          children: field<number>(data, 'children', Number.isInteger, 'an integer'),
          carers: field<number>(data, 'carers', Number.isInteger, 'an integer'),
          requiredCarers: field<number>(data, 'requiredCarers', Number.isInteger, 'an integer'),
        },
      },
      envelope,
    ),

  // One child on the rosters of several institutions in a month: an entry for each of them (the
  // child's keyed hash is not kept here).
  [SubsidyEvents.claimDuplicated]: (data, envelope) => {
    const month = field<string>(data, 'month', (v) => typeof v === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(v), 'a YYYY-MM month');
    const listed = field<Data[]>(
      data,
      'institutions',
      (v) => Array.isArray(v) && v.length > 0 && v.every((i) => !!i && typeof i === 'object'),
      'a non-empty list of {institutionId, divisionCode}',
    );
    const institutions = [...new Map(listed.map((i) => [uuid(i, 'institutionId'), division(i)])).entries()];
    return institutions.map(([institutionId, divisionCode]) => ({
      institutionId,
      divisionCode,
      eventType: 'subsidy_claim_duplicated' as const,
      occurredOn: envelopeDay(envelope),
      ref: month,
      department: 'finance',
      facts: { month, institutions: institutions.length },
    }));
  },
};

export type Classification =
  { kind: 'facts'; facts: CreditFact[] } | { kind: 'ignore' } | { kind: 'dead'; code: Exclude<CreditDeadLetter['code'], 'UNKNOWN_INSTITUTION'>; error: string };

/**
 * What the credit service does with an event: translate it (known subject), dead-letter it
 * (a known subject whose data does not parse, or a subject under a prefix the service
 * watches that no translator knows — e.g. a new version), or ignore it (not about credit).
 */
export function classify(envelope: EventEnvelope, models: Pick<CreditModels, 'watchedSubjects'>): Classification {
  const translator = TRANSLATORS[envelope.subject];
  if (translator) {
    try {
      const data = envelope.data;
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new MalformedCreditEvent('data: expected an object');
      return { kind: 'facts', facts: translator(data as Data, envelope) };
    } catch (e) {
      if (e instanceof MalformedCreditEvent) return { kind: 'dead', code: 'MALFORMED_CREDIT_EVENT', error: `${envelope.subject}: ${e.message}` };
      throw e;
    }
  }
  const watched = models.watchedSubjects.find((prefix) => envelope.subject.startsWith(prefix));
  if (watched) {
    return { kind: 'dead', code: 'UNKNOWN_CREDIT_EVENT', error: `${envelope.subject}: 信用相关主题 ${watched}* 下的未知事件类型（无对应的信用事项转换）` };
  }
  return { kind: 'ignore' };
}
