import { AuditHistoryRequest } from '../audit.contracts.js';
import {
  FilingDecisionRequest, FilingIdRequest, ListFilingsRequest, ReceiptNoRequest, SubmitFilingRequest,
} from './filing.contracts.js';
import {
  DemonstrationRequest, DeregistrationRequest, InclusiveRequest, ListPopulationRequest, LoadPopulationBody, PublicInstitutionRequest, PublicInstitutionsRequest,
} from './status.contracts.js';
import { IndicatorsRequest } from './indicator.contracts.js';
import {
  GetInstitutionRequest, ListInstitutionsRequest, RegisterInstitutionRequest, UpdateInstitutionRequest,
} from './institution.contracts.js';
import type { ContractEntry, EventEntry } from '../catalog.js';

/** NATS request subjects of the registry service (queue group `registry`). */
export const RegistrySubjects = {
  ping: 'registry.health.ping',
  registerInstitution: 'registry.institution.register',
  getInstitution: 'registry.institution.get',
  listInstitutions: 'registry.institution.list',
  updateInstitution: 'registry.institution.update',
  deregisterInstitution: 'registry.institution.deregister',
  submitFiling: 'registry.filing.submit',
  getFiling: 'registry.filing.get',
  listFilings: 'registry.filing.list',
  decideFiling: 'registry.filing.decide',
  getReceipt: 'registry.filing.receipt',
  setInclusive: 'registry.inclusive.set',
  designateDemonstration: 'registry.demonstration.designate',
  loadPopulation: 'registry.population.load',
  listPopulation: 'registry.population.list',
  publicListInstitutions: 'registry.public.institution.list',
  publicGetInstitution: 'registry.public.institution.get',
  publicVerifyReceipt: 'registry.public.receipt.verify',
  computeIndicators: 'registry.indicators.compute',
} as const;

/** Events the registry publishes to stream EVENTS. */
export const RegistryEvents = {
  institutionRegistered: 'evt.registry.institution.registered.v1',
  institutionUpdated: 'evt.registry.institution.updated.v1',
  institutionDeregistered: 'evt.registry.institution.deregistered.v1',
  filingSubmitted: 'evt.registry.filing.submitted.v1',
  filingApproved: 'evt.registry.filing.approved.v1',
  filingRejected: 'evt.registry.filing.rejected.v1',
  filingRechecked: 'evt.registry.filing.rechecked.v1',
  inclusiveGranted: 'evt.registry.inclusive.granted.v1',
  inclusiveRevoked: 'evt.registry.inclusive.revoked.v1',
  demonstrationDesignated: 'evt.registry.demonstration.designated.v1',
  populationLoaded: 'evt.registry.population.loaded.v1',
} as const;

export interface InstitutionRegisteredData {
  institution: import('./institution.contracts.js').InstitutionView;
}

export interface InstitutionUpdatedData {
  institution: import('./institution.contracts.js').InstitutionView;
  /** Names of the fields that changed. */
  changed: string[];
}

export const REGISTRY_REQUESTS: ContractEntry[] = [
  { subject: RegistrySubjects.ping, service: 'registry', summary: 'Liveness: replies {service, time}', request: null, reply: 'Ping' },
  {
    subject: RegistrySubjects.registerInstitution, service: 'registry', summary: '登记 Register an institution',
    request: RegisterInstitutionRequest, reply: 'InstitutionView',
    errors: ['VALIDATION', 'INSTITUTION_USCC_TAKEN', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  },
  {
    subject: RegistrySubjects.getInstitution, service: 'registry', summary: 'One institution by id',
    request: GetInstitutionRequest, reply: 'InstitutionView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'],
    inspector: true,
  },
  {
    subject: RegistrySubjects.listInstitutions, service: 'registry', summary: 'Institutions in the caller\'s divisions, filtered and paged',
    request: ListInstitutionsRequest, reply: 'Page<InstitutionView>', errors: ['VALIDATION'],
  },
  {
    subject: RegistrySubjects.updateInstitution, service: 'registry', summary: 'Change an institution (audited)',
    request: UpdateInstitutionRequest, reply: 'InstitutionView',
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION', 'INSTITUTION_VERSION_CONFLICT'],
  },
];

const FILING_ERRORS = ['VALIDATION', 'FILING_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'];

REGISTRY_REQUESTS.push(
  { subject: RegistrySubjects.deregisterInstitution, service: 'registry', summary: '注销 Deregister an institution', request: DeregistrationRequest, reply: 'InstitutionView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_DEREGISTERED', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'] },
  { subject: RegistrySubjects.submitFiling, service: 'registry', summary: '备案申请 Submit a filing; the automatic standards check runs and is stored', request: SubmitFilingRequest, reply: 'FilingView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'FILING_ALREADY_SUBMITTED', 'INSTITUTION_ALREADY_FILED', 'INSTITUTION_DEREGISTERED', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'NOT_OWN_INSTITUTION'] },
  { subject: RegistrySubjects.getFiling, service: 'registry', summary: 'A filing with its standards check, rule by rule', request: FilingIdRequest, reply: 'FilingView', errors: FILING_ERRORS },
  { subject: RegistrySubjects.listFilings, service: 'registry', summary: 'Filings in the caller\'s divisions (overdue=true: late ones)', request: ListFilingsRequest, reply: 'Page<FilingView>', errors: ['VALIDATION'] },
  { subject: RegistrySubjects.decideFiling, service: 'registry', summary: '备案审核 Approve (receipt) or reject (reasons) — district health bureau', request: FilingDecisionRequest, reply: 'FilingView', errors: [...FILING_ERRORS, 'FILING_NOT_SUBMITTED'] },
  { subject: RegistrySubjects.getReceipt, service: 'registry', summary: '备案回执 data of an approved filing', request: FilingIdRequest, reply: 'ReceiptView', errors: [...FILING_ERRORS, 'FILING_NOT_APPROVED'] },
  { subject: RegistrySubjects.setInclusive, service: 'registry', summary: '普惠认定 grant or revoke — district health bureau', request: InclusiveRequest, reply: 'InstitutionView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_NOT_FILED', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'INCLUSIVE_PLACES_EXCEED', 'INCLUSIVE_NOT_GRANTED'] },
  { subject: RegistrySubjects.designateDemonstration, service: 'registry', summary: '示范 designation for a year — district health bureau', request: DemonstrationRequest, reply: 'InstitutionView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'INSTITUTION_NOT_FILED', 'DEMONSTRATION_GRADE_TOO_LOW', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] },
  { subject: RegistrySubjects.loadPopulation, service: 'registry', summary: 'Load population rows per division and year (admin, health)', request: LoadPopulationBody, reply: 'PopulationLoadResult', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] },
  { subject: RegistrySubjects.listPopulation, service: 'registry', summary: 'Population rows', request: ListPopulationRequest, reply: 'PopulationList', errors: ['VALIDATION'] },
  { subject: RegistrySubjects.publicListInstitutions, service: 'registry', summary: '公示 Public register: filed institutions (no actor header needed)', request: PublicInstitutionsRequest, reply: 'Page<PublicInstitutionView>', errors: ['VALIDATION'] },
  { subject: RegistrySubjects.publicGetInstitution, service: 'registry', summary: '公示 One filed institution', request: PublicInstitutionRequest, reply: 'PublicInstitutionView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND'] },
  { subject: RegistrySubjects.computeIndicators, service: 'registry', summary: '指标 from the register: places per 1,000, filing rate, 普惠 share, street coverage, 医育结合 coverage, supply gap', request: IndicatorsRequest, reply: 'IndicatorsView', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] },
  { subject: RegistrySubjects.publicVerifyReceipt, service: 'registry', summary: 'Verify a receipt number: genuine and current?', request: ReceiptNoRequest, reply: 'ReceiptVerification', errors: ['VALIDATION'] },
);

export const REGISTRY_EVENTS: EventEntry[] = [
  { subject: RegistryEvents.institutionRegistered, service: 'registry', summary: 'An institution was registered (登记)', data: 'InstitutionRegisteredData' },
  { subject: RegistryEvents.institutionUpdated, service: 'registry', summary: 'An institution\'s registration data changed', data: 'InstitutionUpdatedData' },
  { subject: RegistryEvents.institutionDeregistered, service: 'registry', summary: '注销: an institution was deregistered', data: 'InstitutionStatusData' },
  { subject: RegistryEvents.filingSubmitted, service: 'registry', summary: '备案申请 submitted, with the check summary and deadlines', data: 'FilingSubmittedData' },
  { subject: RegistryEvents.filingApproved, service: 'registry', summary: '备案 approved: receipt issued, institution filed', data: 'FilingDecidedData' },
  { subject: RegistryEvents.filingRejected, service: 'registry', summary: '备案 rejected with reasons', data: 'FilingDecidedData' },
  { subject: RegistryEvents.filingRechecked, service: 'registry', summary: 'A change to the institution re-ran the standards check of its filing', data: 'FilingRecheckedData' },
  { subject: RegistryEvents.inclusiveGranted, service: 'registry', summary: '普惠 accreditation granted (price cap in fen, places)', data: 'InstitutionStatusData' },
  { subject: RegistryEvents.inclusiveRevoked, service: 'registry', summary: '普惠 accreditation revoked', data: 'InstitutionStatusData' },
  { subject: RegistryEvents.demonstrationDesignated, service: 'registry', summary: '示范 designation for a year (places at the time)', data: 'InstitutionStatusData' },
  { subject: RegistryEvents.populationLoaded, service: 'registry', summary: 'Population rows loaded for indicators', data: 'PopulationLoadedData' },
];

export const REGISTRY_AUDIT_REQUESTS: ContractEntry[] = [
  { subject: 'registry.audit.history', service: 'registry', summary: 'Audit entries of one entity (admin)', request: AuditHistoryRequest, reply: 'AuditEntryList', errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'] },
  { subject: 'registry.audit.verify', service: 'registry', summary: 'Recompute the audit hash chain (admin)', request: null, reply: 'AuditVerificationView', errors: ['DEPARTMENT_NOT_ALLOWED'] },
];
