import { auditRpcs, pingRpc, rulesRpcs } from '../service-rpcs.js';
import { PublishRuleDocumentRequest, RuleDocumentView } from '../rules/rules.contracts.js';
import { FilingPage } from './filing.contracts.js';
import { PublicInstitutionPage } from './status.contracts.js';
import { PopulationList } from './status.contracts.js';
import { type AnyEventDef, type AnyRpcDef, defineEvent, defineRpc, isEvent, subjectsOf } from '../contract.js';
import type { EventEnvelope } from '../events.js';
import { InstitutionRegisteredData, InstitutionRpc, InstitutionUpdatedData } from './institution.contracts.js';
import {
  DemonstrationRequest,
  DeregistrationRequest,
  InclusiveRequest,
  InstitutionStatusData,
  ListPopulationRequest,
  LoadPopulationBody,
  PopulationLoadResult,
  PopulationLoadedData,
  PublicInstitutionRequest,
  PublicInstitutionsRequest,
} from './status.contracts.js';
import {
  FilingDecidedData,
  FilingDecisionRequest,
  FilingIdRequest,
  FilingRecheckedData,
  FilingSubmittedData,
  ListFilingsRequest,
  ReceiptNoRequest,
  SubmitFilingRequest,
} from './filing.contracts.js';
import { IndicatorsRequest } from './indicator.contracts.js';
import { InstitutionView } from './institution.contracts.js';
import { FilingView, ReceiptVerification, ReceiptView } from './filing.contracts.js';
import { PublicInstitutionView } from './status.contracts.js';
import { IndicatorsView } from './indicator.contracts.js';

/** Every request subject of the registry service: one definition each. */
export const RegistryRpc = {
  ping: pingRpc('registry'),
  ...InstitutionRpc,
  deregisterInstitution: defineRpc({
    subject: 'registry.institution.deregister',
    summary: '注销 Deregister an institution',
    request: DeregistrationRequest,
    reply: InstitutionView,
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'],
  }),
  submitFiling: defineRpc({
    subject: 'registry.filing.submit',
    summary: '备案申请 Submit a filing; the automatic standards check runs and is stored',
    request: SubmitFilingRequest,
    reply: FilingView,
    errors: [
      'VALIDATION',
      'INSTITUTION_NOT_FOUND',
      'FILING_ALREADY_SUBMITTED',
      'INSTITUTION_ALREADY_FILED',
      'INSTITUTION_DEREGISTERED',
      'DEPARTMENT_NOT_ALLOWED',
      'DIVISION_OUT_OF_SCOPE',
      'NOT_OWN_INSTITUTION',
    ],
  }),
  getFiling: defineRpc({
    subject: 'registry.filing.get',
    summary: 'A filing with its standards check, rule by rule',
    request: FilingIdRequest,
    reply: FilingView,
    errors: ['VALIDATION', 'FILING_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'],
  }),
  listFilings: defineRpc({
    subject: 'registry.filing.list',
    summary: "Filings in the caller's divisions (overdue=true: late ones)",
    request: ListFilingsRequest,
    reply: FilingPage,
    errors: ['VALIDATION'],
  }),
  decideFiling: defineRpc({
    subject: 'registry.filing.decide',
    summary: '备案审核 Approve (receipt) or reject (reasons) — district health bureau',
    request: FilingDecisionRequest,
    reply: FilingView,
    errors: ['VALIDATION', 'FILING_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION', 'FILING_NOT_SUBMITTED'],
  }),
  getReceipt: defineRpc({
    subject: 'registry.filing.receipt',
    summary: '备案回执 data of an approved filing',
    request: FilingIdRequest,
    reply: ReceiptView,
    errors: ['VALIDATION', 'FILING_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION', 'FILING_NOT_APPROVED'],
  }),
  setInclusive: defineRpc({
    subject: 'registry.inclusive.set',
    summary: '普惠认定 grant or revoke — district health bureau',
    request: InclusiveRequest,
    reply: InstitutionView,
    errors: [
      'VALIDATION',
      'INSTITUTION_NOT_FOUND',
      'INSTITUTION_NOT_FILED',
      'DEPARTMENT_NOT_ALLOWED',
      'DIVISION_OUT_OF_SCOPE',
      'INCLUSIVE_PLACES_EXCEED',
      'INCLUSIVE_NOT_GRANTED',
    ],
  }),
  designateDemonstration: defineRpc({
    subject: 'registry.demonstration.designate',
    summary: '示范 designation for a year — district health bureau',
    request: DemonstrationRequest,
    reply: InstitutionView,
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_NOT_FILED', 'DEMONSTRATION_GRADE_TOO_LOW', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  }),
  loadPopulation: defineRpc({
    subject: 'registry.population.load',
    summary: 'Load population rows per division and year (admin, health)',
    request: LoadPopulationBody,
    reply: PopulationLoadResult,
    errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  }),
  listPopulation: defineRpc({
    subject: 'registry.population.list',
    summary: 'Population rows',
    request: ListPopulationRequest,
    reply: PopulationList,
    errors: ['VALIDATION'],
  }),
  publicListInstitutions: defineRpc({
    subject: 'registry.public.institution.list',
    summary: '公示 Public register: filed institutions (no actor header needed)',
    request: PublicInstitutionsRequest,
    reply: PublicInstitutionPage,
    errors: ['VALIDATION'],
  }),
  publicGetInstitution: defineRpc({
    subject: 'registry.public.institution.get',
    summary: '公示 One filed institution',
    request: PublicInstitutionRequest,
    reply: PublicInstitutionView,
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND'],
  }),
  computeIndicators: defineRpc({
    subject: 'registry.indicators.compute',
    summary:
      '指标 from the register as it stood at the end of the month (dated registrations, filings, deregistrations, places): places per 1,000 over all operating institutions and over filed ones, 幼儿园托班 places, filing rate, 普惠 share, street coverage, 医育结合 coverage, supply gap',
    request: IndicatorsRequest,
    reply: IndicatorsView,
    errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  }),
  publicVerifyReceipt: defineRpc({
    subject: 'registry.public.receipt.verify',
    summary: 'Verify a receipt number: genuine and current?',
    request: ReceiptNoRequest,
    reply: ReceiptVerification,
    errors: ['VALIDATION'],
  }),
  ...auditRpcs('registry'),
  ...rulesRpcs('registry'),
  publishRules: defineRpc({
    subject: 'registry.rules.publish',
    summary:
      '发布备案标准、发展目标 Publish a filing (family filing) or indicator target (family target) rule document (national: admin; a province, city, district or street: its health bureau), checked rule by rule',
    request: PublishRuleDocumentRequest,
    reply: RuleDocumentView,
    errors: ['VALIDATION', 'RULE_DOCUMENT_INVALID', 'RULE_DOCUMENT_VERSION_EXISTS', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  }),
};

export const RegistryEvt = {
  institutionRegistered: defineEvent({
    subject: 'evt.registry.institution.registered',
    version: 1,
    summary: 'An institution was registered (登记)',
    data: InstitutionRegisteredData,
  }),
  institutionUpdated: defineEvent({
    subject: 'evt.registry.institution.updated',
    version: 1,
    summary: "An institution's registration data changed",
    data: InstitutionUpdatedData,
  }),
  institutionDeregistered: defineEvent({
    subject: 'evt.registry.institution.deregistered',
    version: 1,
    summary: '注销: an institution was deregistered',
    data: InstitutionStatusData,
  }),
  filingSubmitted: defineEvent({
    subject: 'evt.registry.filing.submitted',
    version: 1,
    summary: '备案申请 submitted, with the check summary and deadlines',
    data: FilingSubmittedData,
  }),
  filingApproved: defineEvent({
    subject: 'evt.registry.filing.approved',
    version: 1,
    summary: '备案 approved: receipt issued, institution filed',
    data: FilingDecidedData,
  }),
  filingRejected: defineEvent({
    subject: 'evt.registry.filing.rejected',
    version: 1,
    summary: '备案 rejected with reasons',
    data: FilingDecidedData,
  }),
  filingRechecked: defineEvent({
    subject: 'evt.registry.filing.rechecked',
    version: 1,
    summary: 'A change to the institution re-ran the standards check of its filing',
    data: FilingRecheckedData,
  }),
  inclusiveGranted: defineEvent({
    subject: 'evt.registry.inclusive.granted',
    version: 1,
    summary: '普惠 accreditation granted (price cap in fen, places)',
    data: InstitutionStatusData,
  }),
  inclusiveRevoked: defineEvent({
    subject: 'evt.registry.inclusive.revoked',
    version: 1,
    summary: '普惠 accreditation revoked',
    data: InstitutionStatusData,
  }),
  demonstrationDesignated: defineEvent({
    subject: 'evt.registry.demonstration.designated',
    version: 1,
    summary: '示范 designation for a year (places at the time)',
    data: InstitutionStatusData,
  }),
  populationLoaded: defineEvent({
    subject: 'evt.registry.population.loaded',
    version: 1,
    summary: 'Population rows loaded for indicators',
    data: PopulationLoadedData,
  }),
};

/** NATS request subjects of the registry service (queue group `registry`). */
export const RegistrySubjects = subjectsOf(RegistryRpc);
/** Events the registry service publishes to stream EVENTS. */
export const RegistryEvents = subjectsOf(RegistryEvt);
export const REGISTRY_REQUESTS: readonly AnyRpcDef[] = Object.values(RegistryRpc);
export const REGISTRY_EVENTS: readonly AnyEventDef[] = Object.values(RegistryEvt);

/** The registry's events whose data carries the institution as the register now holds it: what a copy of the register follows. */
export const INSTITUTION_CARRYING_EVENTS = [
  RegistryEvt.institutionRegistered,
  RegistryEvt.institutionUpdated,
  RegistryEvt.institutionDeregistered,
  RegistryEvt.filingApproved,
  RegistryEvt.filingRejected,
  RegistryEvt.inclusiveGranted,
  RegistryEvt.inclusiveRevoked,
  RegistryEvt.demonstrationDesignated,
] as const;

/** The institution an event carries (one of INSTITUTION_CARRYING_EVENTS), typed by its definition; undefined for any other event. */
export function institutionOf(event: EventEnvelope): InstitutionView | undefined {
  const def = INSTITUTION_CARRYING_EVENTS.find((d) => isEvent(d, event));
  return def && isEvent(def, event) ? event.data?.institution : undefined;
}
