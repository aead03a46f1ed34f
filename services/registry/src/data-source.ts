import { createServiceDataSource } from '@shanyu/persistence';
import { Filing } from './filing/filing.entity.js';
import { Institution } from './institutions/institution.entity.js';
import { Population } from './population/population.entity.js';
import { RuleDocumentRow } from './rules/rule-document.entity.js';
import { RuleDocuments1764100000100 } from './migrations/1764100000100-rule-documents.js';
import { Filings1763800000400 } from './migrations/1763800000400-filings.js';
import { Population1763800000500 } from './migrations/1763800000500-population.js';
import { CreditGrade1764000000200 } from './migrations/1764000000200-credit-grade.js';
import { DatedRegister1765100000100 } from './migrations/1765100000100-dated-register.js';
import { Institutions1763800000100 } from './migrations/1763800000100-institutions.js';

export const REGISTRY_ENTITIES = [Institution, Filing, Population, RuleDocumentRow];
export const REGISTRY_MIGRATIONS = [
  Institutions1763800000100,
  Filings1763800000400,
  Population1763800000500,
  CreditGrade1764000000200,
  RuleDocuments1764100000100,
  DatedRegister1765100000100,
];

export function registryDataSource(url: string, schema = 'registry') {
  return createServiceDataSource({ url, schema, entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS });
}
