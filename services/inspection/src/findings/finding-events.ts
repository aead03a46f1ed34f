import type { FindingEventData } from '@shanyu/contracts';
import type { Finding } from './finding.entity.js';

export function findingEventData(f: Finding): FindingEventData {
  return {
    findingId: f.id,
    inspectionId: f.inspectionId,
    institutionId: f.institutionId,
    divisionCode: f.divisionCode,
    department: f.department,
    itemCode: f.itemCode,
    severity: f.item.severity,
    basic: f.item.basic,
    deadline: f.deadline,
  };
}
