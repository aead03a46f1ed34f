import { createServiceDataSource } from '@shanyu/persistence';
import { ChecklistVersion } from './checklists/checklist-version.entity.js';
import { Complaint } from './complaints/complaint.entity.js';
import { Finding } from './findings/finding.entity.js';
import { Inspection, InspectionResultRow, ResultVersion } from './inspections/inspection.entity.js';
import { Inspector, InspectorConflict } from './inspectors/inspector.entity.js';
import { Inspection1764000000100 } from './migrations/1764000000100-inspection.js';
import { PlanSummary1764000000300 } from './migrations/1764000000300-plan-summary.js';
import { PlanRows1764000000400 } from './migrations/1764000000400-plan-rows.js';
import { ResultVersions1764000000500 } from './migrations/1764000000500-result-versions.js';
import { RulesByJurisdiction1764000000600 } from './migrations/1764000000600-rules-by-jurisdiction.js';
import { FinesAsWritten1764000000700 } from './migrations/1764000000700-fines-as-written.js';
import { UnfiledInPool1764000000800 } from './migrations/1764000000800-unfiled-in-pool.js';
import { InstitutionNature1764000000900 } from './migrations/1764000000900-institution-nature.js';
import { PostFilingChecks1764000001000 } from './migrations/1764000001000-post-filing-checks.js';
import { DiscretionBenchmarks1764000001100 } from './migrations/1764000001100-discretion-benchmarks.js';
import { OutboxUncompressed1764000001200 } from './migrations/1764000001200-outbox-uncompressed.js';
import { Penalty } from './penalties/penalty.entity.js';
import { InspectionPlan } from './plans/plan.entity.js';
import { RuleDocumentRow } from './policy/rule-document.entity.js';
import { InstitutionReplica } from './replicas/institution-replica.entity.js';
import { SelfInspection } from './self-inspections/self-inspection.entity.js';

export const INSPECTION_ENTITIES = [
  InstitutionReplica,
  ChecklistVersion,
  Inspector,
  InspectorConflict,
  InspectionPlan,
  Inspection,
  InspectionResultRow,
  ResultVersion,
  Finding,
  Penalty,
  SelfInspection,
  Complaint,
  RuleDocumentRow,
];
export const INSPECTION_MIGRATIONS = [
  Inspection1764000000100,
  PlanSummary1764000000300,
  PlanRows1764000000400,
  ResultVersions1764000000500,
  RulesByJurisdiction1764000000600,
  FinesAsWritten1764000000700,
  UnfiledInPool1764000000800,
  InstitutionNature1764000000900,
  PostFilingChecks1764000001000,
  DiscretionBenchmarks1764000001100,
  OutboxUncompressed1764000001200,
];

export function inspectionDataSource(url: string, schema = 'inspection') {
  return createServiceDataSource({ url, schema, entities: INSPECTION_ENTITIES, migrations: INSPECTION_MIGRATIONS });
}
