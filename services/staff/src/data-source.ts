import { createServiceDataSource } from '@shanyu/persistence';
import { Credential } from './credentials/credential.entity.js';
import { Employment } from './employments/employment.entity.js';
import { InstitutionReplica } from './institutions/institution-replica.entity.js';
import { Staff1763900000100 } from './migrations/1763900000100-staff.js';
import { CertificateRateState1763900000200 } from './migrations/1763900000200-certificate-rate-state.js';
import { ReplicaOperatorType1763900000300 } from './migrations/1763900000300-replica-operator-type.js';
import { RuleDocuments1763900000400 } from './migrations/1763900000400-rule-documents.js';
import { Person } from './people/person.entity.js';
import { Ban, RecordCheck, StaffFlag, VettingAttempt } from './vetting/vetting.entities.js';

export const STAFF_ENTITIES = [InstitutionReplica, Person, Employment, Credential, RecordCheck, Ban, VettingAttempt, StaffFlag];
export const STAFF_MIGRATIONS = [Staff1763900000100, CertificateRateState1763900000200, ReplicaOperatorType1763900000300, RuleDocuments1763900000400];

export function staffDataSource(url: string, schema = 'staff') {
  return createServiceDataSource({ url, schema, entities: STAFF_ENTITIES, migrations: STAFF_MIGRATIONS });
}
