import { addDays, daysBetween } from '@shanyu/common';
import type { InspectionAlert, InspectionKind } from '@shanyu/contracts';
import { labelOf } from '../departments.js';
import type { InspectionDepartmentRow } from './inspection.entity.js';

/** An inspection as the history of its institution (InspectionRepository.history) lists it. */
export interface HistoryRow {
  id: string;
  institutionId: string;
  kind: InspectionKind;
  scheduledOn: string;
  departments: InspectionDepartmentRow[];
}

/** Inspections counted towards the yearly cap in `year` (国办发〔2024〕54号). */
export function countedInYear(rows: HistoryRow[], year: number, exemptKinds: readonly InspectionKind[]): number {
  return rows.filter((r) => Number(r.scheduledOn.slice(0, 4)) === year && !exemptKinds.includes(r.kind)).length;
}

/** Who inspected for the department the last time it took part. */
export function lastInspectors(rows: HistoryRow[], department: string): string[] {
  for (const row of rows) {
    const d = row.departments.find((x) => x.department === department);
    if (d) return [...d.inspectorIds];
  }
  return [];
}

/** A department inspecting again within the window of an earlier inspection raises INSPECTION_REPEATED. */
export function repeatAlerts(rows: HistoryRow[], departments: readonly string[], on: string, windowDays: number): InspectionAlert[] {
  const alerts: InspectionAlert[] = [];
  for (const department of departments) {
    const previous = rows.find((r) => r.departments.some((d) => d.department === department) && Math.abs(daysBetween(r.scheduledOn, on)) < windowDays);
    if (previous) {
      alerts.push({
        code: 'INSPECTION_REPEATED',
        department,
        message: `${labelOf(department)}部门已于 ${previous.scheduledOn} 检查过该机构，${windowDays} 日内重复检查（${addDays(previous.scheduledOn, windowDays)} 前）`,
      });
    }
  }
  return alerts;
}
