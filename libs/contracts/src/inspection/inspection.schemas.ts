import { CREDIT_GRADES } from '../credit/credit.contracts.js';
import {
  FINDING_STATUSES, FORM_AREAS, INSPECTION_KINDS, ITEM_RESULTS,
  PENALTY_KINDS, RESULT_VERSION_STATUSES, SEVERITIES,
} from './inspection.contracts.js';

/** JSON Schemas of the inspection service's replies and event data (merged into REPLY_SCHEMAS). */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const uuid = { type: 'string', format: 'uuid' };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' };
const date = { type: 'string', format: 'date' };
const nullableDate = { type: ['string', 'null'], format: 'date' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };
const enumOf = (values: readonly string[], description?: string) => ({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
const arrayOf = (items: object) => ({ type: 'array', items });
const obj = (required: string[], properties: Record<string, object>, description?: string) => ({ type: 'object', required, properties, ...(description ? { description } : {}) });
const page = (item: string) => obj(['items', 'total', 'page', 'pageSize'], { items: arrayOf(ref(item)), total: int, page: int, pageSize: int });
const byDepartment = (items: object) => ({ type: 'object', additionalProperties: items, description: 'keyed by department' });
const summary = obj(['items', 'pass', 'fail', 'notApplicable'], { items: int, pass: int, fail: int, notApplicable: int, pending: int });
const alert = obj(['code', 'message'], {
  code: { type: 'string', description: 'INSPECTION_REPEATED, INSPECTION_YEARLY_CAP … at creation; INSPECTION_RESULTS_IN_CONFLICT, LATE_RESULTS_WAITING while field results wait for a decision' },
  message: str, department: str,
});
const evidence = obj(['ref', 'takenAt', 'location'], { ref: str, takenAt: dateTime, location: str });


export const INSPECTION_REPLY_SCHEMAS: Record<string, object> = {
  FormItemView: obj(['code', 'department', 'area', 'category', 'text', 'legalBasis', 'riskWeight', 'severity', 'basic', 'checklistVersion'], {
    code: str, department: str, area: enumOf(FORM_AREAS), category: str, text: str, legalBasis: str, riskWeight: int, severity: enumOf(SEVERITIES), basic: bool,
    checklistVersion: str,
  }),
  ItemResultView: obj(['itemCode', 'department', 'result', 'note', 'evidence', 'inspectorId', 'recordedAt', 'version', 'inConflict'], {
    itemCode: str, department: str, result: enumOf(ITEM_RESULTS), note: nullableStr, evidence: arrayOf(evidence), inspectorId: uuid, recordedAt: dateTime,
    version: { type: 'integer', description: 'send it back as baseVersion' }, inConflict: bool,
  }),
  ResultVersionView: obj(
    ['id', 'inspectionId', 'itemCode', 'department', 'version', 'baseVersion', 'result', 'note', 'evidence', 'inspectorId', 'inspectorName', 'deviceId', 'recordedAt', 'receivedAt', 'status', 'decision'],
    {
      id: uuid, inspectionId: uuid, itemCode: str, department: str, version: { type: ['integer', 'null'] }, baseVersion: { type: ['integer', 'null'] },
      result: enumOf(ITEM_RESULTS), note: nullableStr, evidence: arrayOf(evidence), inspectorId: uuid, inspectorName: nullableStr, deviceId: nullableStr,
      recordedAt: { ...dateTime, description: 'on the device' }, receivedAt: dateTime, status: enumOf(RESULT_VERSION_STATUSES),
      decision: { oneOf: [{ type: 'null' }, obj(['by', 'at', 'reason', 'chosen'], { by: str, at: dateTime, reason: str, chosen: bool })] },
    },
  ),
  ResultVersionList: arrayOf(ref('ResultVersionView')),
  RecordResultsView: { allOf: [ref('InspectionFormView'), obj(['outcomes'], {
    outcomes: arrayOf(obj(['itemCode', 'status', 'versionId', 'version', 'message'], {
      itemCode: str, status: enumOf(['recorded', 'conflict', 'late']), versionId: uuid, version: int, message: str,
    })),
  })] },
  ResultRecordedData: obj(['inspectionId', 'institutionId', 'itemCode', 'department', 'versionId', 'status', 'result', 'inspectorId', 'recordedAt'], {
    inspectionId: uuid, institutionId: uuid, itemCode: str, department: str, versionId: uuid, version: { type: ['integer', 'null'] },
    status: enumOf(['current', 'conflict', 'late']), result: enumOf(ITEM_RESULTS), inspectorId: uuid, deviceId: nullableStr, recordedAt: dateTime,
  }),
  ResultResolvedData: obj(['inspectionId', 'institutionId', 'itemCode', 'department', 'versionId', 'resolution', 'reason', 'by'], {
    inspectionId: uuid, institutionId: uuid, itemCode: str, department: str, versionId: uuid, version: { type: ['integer', 'null'] },
    resolution: enumOf(['conflict-resolved', 'late-accepted', 'late-rejected']), reason: str, by: str,
  }),
  InspectionView: obj(
    ['id', 'kind', 'institutionId', 'institutionName', 'divisionCode', 'grade', 'formKind', 'scheduledOn', 'status', 'leadDepartment', 'departments', 'alerts', 'summary', 'basicItemFailed', 'findings', 'createdAt', 'completedAt'],
    {
      id: uuid, kind: enumOf(INSPECTION_KINDS), planId: nullableUuid, complaintId: nullableUuid, originalInspectionId: nullableUuid,
      institutionId: uuid, institutionName: str, divisionCode: str, grade: enumOf(CREDIT_GRADES),
      formKind: enumOf(['full', 'abbreviated', 'reinspection'], 'abbreviated = high-risk and basic items only (good grade); reinspection = open findings only'),
      scheduledOn: date, status: enumOf(['open', 'completed']), leadDepartment: str,
      departments: arrayOf(obj(['department', 'inspectors', 'signedOffAt'], {
        department: str, inspectors: arrayOf(obj(['id', 'name', 'badgeNo'], { id: uuid, name: str, badgeNo: str })),
        signedOffAt: nullableDateTime, signedOffBy: nullableStr, comment: nullableStr,
      })),
      alerts: arrayOf(alert), policyVersion: str, summary, basicItemFailed: bool, noticeNo: nullableStr,
      findings: arrayOf(ref('FindingView')), createdAt: dateTime, completedAt: nullableDateTime,
    },
  ),
  InspectionPage: page('InspectionView'),
  InspectionFormView: obj(['inspectionId', 'institutionId', 'institutionName', 'formKind', 'areas', 'byDepartment', 'selfInspection'], {
    inspectionId: uuid, institutionId: uuid, institutionName: str, formKind: enumOf(['full', 'abbreviated', 'reinspection']),
    areas: arrayOf(obj(['area', 'label', 'items'], {
      area: enumOf(FORM_AREAS), label: str,
      items: arrayOf({ allOf: [ref('FormItemView'), obj(['result'], { result: { oneOf: [{ type: 'null' }, ref('ItemResultView')] }, previousFinding: uuid })] }),
    })),
    byDepartment: byDepartment(obj(['items', 'recorded', 'signedOff'], { items: int, recorded: int, signedOff: bool })),
    selfInspection: {
      oneOf: [{ type: 'null' }, obj(['id', 'submittedAt', 'failed'], { id: uuid, submittedAt: dateTime, failed: arrayOf(obj(['itemCode'], { itemCode: str, note: nullableStr })) })],
    },
  }),
  InspectionCompletedData: obj(['inspectionId', 'kind', 'institutionId', 'divisionCode', 'departments', 'completedOn', 'summary', 'basicItemFailed', 'findingIds'], {
    inspectionId: uuid, kind: enumOf(INSPECTION_KINDS), institutionId: uuid, divisionCode: str, departments: arrayOf(str), completedOn: date,
    summary, basicItemFailed: bool, findingIds: arrayOf(uuid), originalInspectionId: nullableUuid,
  }),
  SelfInspectionFormView: obj(['institutionId', 'institutionName', 'areas'], {
    institutionId: uuid, institutionName: str,
    areas: arrayOf(obj(['area', 'label', 'items'], {
      area: enumOf(FORM_AREAS), label: str,
      items: arrayOf({ allOf: [ref('FormItemView'), obj(['result'], { result: { oneOf: [{ type: 'null' }, ref('ItemResultView')] }, previousFinding: uuid })] }),
    })),
  }),
  PublicInspectionView: obj(['id', 'kind', 'institutionId', 'institutionName', 'divisionCode', 'departments', 'completedOn', 'summary', 'basicItemFailed', 'items', 'findings', 'penalties'], {
    id: uuid, kind: enumOf(INSPECTION_KINDS), planId: nullableUuid, originalInspectionId: nullableUuid, institutionId: uuid, institutionName: str, divisionCode: str,
    departments: arrayOf(obj(['department', 'inspectors'], { department: str, inspectors: arrayOf(str) })),
    completedOn: date, summary, basicItemFailed: bool,
    items: arrayOf(obj(['code', 'department', 'area', 'text', 'result'], { code: str, department: str, area: enumOf(FORM_AREAS), text: str, result: { type: ['string', 'null'], enum: [...ITEM_RESULTS, null] }, note: nullableStr })),
    findings: arrayOf(obj(['id', 'department', 'itemText', 'deadline', 'status', 'statusLabel'], {
      id: uuid, department: str, itemText: str, note: nullableStr, deadline: date, status: enumOf(FINDING_STATUSES),
      statusLabel: { type: 'string', description: '整改中 / 已整改 (Corrected) / 未整改 (Not corrected) / 已逾期' }, closedOn: nullableDate,
    })),
    penalties: arrayOf(obj(['department', 'violation', 'kinds', 'decisionNo', 'issuedOn'], {
      department: str, violation: str, kinds: arrayOf(enumOf(PENALTY_KINDS)), fineFen: { type: ['integer', 'null'] }, decisionNo: str, issuedOn: date,
    })),
  }),
  PublicInspectionPage: page('PublicInspectionView'),
};
