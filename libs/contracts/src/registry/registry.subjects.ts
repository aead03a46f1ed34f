import { AuditHistoryRequest } from '../audit.contracts.js';
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
} as const;

/** Events the registry publishes to stream EVENTS. */
export const RegistryEvents = {
  institutionRegistered: 'evt.registry.institution.registered.v1',
  institutionUpdated: 'evt.registry.institution.updated.v1',
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
    request: GetInstitutionRequest, reply: 'InstitutionView', errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DIVISION_OUT_OF_SCOPE'],
  },
  {
    subject: RegistrySubjects.listInstitutions, service: 'registry', summary: 'Institutions in the caller\'s divisions, filtered and paged',
    request: ListInstitutionsRequest, reply: 'Page<InstitutionView>', errors: ['VALIDATION'],
  },
  {
    subject: RegistrySubjects.updateInstitution, service: 'registry', summary: 'Change an institution (audited)',
    request: UpdateInstitutionRequest, reply: 'InstitutionView',
    errors: ['VALIDATION', 'INSTITUTION_NOT_FOUND', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE', 'INSTITUTION_VERSION_CONFLICT'],
  },
];

export const REGISTRY_EVENTS: EventEntry[] = [
  { subject: RegistryEvents.institutionRegistered, service: 'registry', summary: 'An institution was registered (登记)', data: 'InstitutionRegisteredData' },
  { subject: RegistryEvents.institutionUpdated, service: 'registry', summary: 'An institution\'s registration data changed', data: 'InstitutionUpdatedData' },
];

export const REGISTRY_AUDIT_REQUESTS: ContractEntry[] = [
  { subject: 'registry.audit.history', service: 'registry', summary: 'Audit entries of one entity (admin)', request: AuditHistoryRequest, reply: 'AuditEntryList', errors: ['VALIDATION', 'FORBIDDEN'] },
  { subject: 'registry.audit.verify', service: 'registry', summary: 'Recompute the audit hash chain (admin)', request: null, reply: 'AuditVerificationView', errors: ['FORBIDDEN'] },
];
