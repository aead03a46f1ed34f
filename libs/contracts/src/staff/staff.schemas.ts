import {
  BAN_KINDS, CLASS_TYPES, CREDENTIAL_TYPES, EMPLOYMENT_TYPES, RECORD_CHECK_RESULTS, STAFF_FLAG_KINDS, STAFF_ROLES, STAFF_STATUSES, VETTING_REASONS, VETTING_STATUSES,
} from './staff.contracts.js';

/** JSON Schemas of the staff service's replies and event data (merged into REPLY_SCHEMAS). */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const date = { type: 'string', format: 'date' };
const nullableDate = { type: ['string', 'null'], format: 'date' };
const str = { type: 'string' };
const int = { type: 'integer' };
const uuid = { type: 'string', format: 'uuid' };
const obj = (required: string[], properties: Record<string, object>) => ({ type: 'object', required, properties });
const page = (item: string) => obj(['items', 'total', 'page', 'pageSize'], { items: { type: 'array', items: ref(item) }, total: int, page: int, pageSize: int });
const masked = { type: 'string', description: 'Masked (330106********1234) unless idNumberDisclosure is full' };
const disclosure = { type: 'string', enum: ['masked', 'full'] };
const institution = { institutionId: uuid, divisionCode: str, ownerUserId: { type: ['string', 'null'], description: 'operator account to remind' } };
const institutionRequired = ['institutionId', 'divisionCode', 'ownerUserId'];
const rate = { required: int, holding: int, rate: { type: ['number', 'null'], description: 'holding / required, 4 decimals' } };

export const STAFF_REPLY_SCHEMAS: Record<string, object> = {
  CredentialView: obj(['id', 'type', 'label', 'number', 'issuer', 'issuedOn', 'expiresOn', 'status'], {
    id: uuid, type: { type: 'string', enum: CREDENTIAL_TYPES }, label: str, number: str, issuer: str, issuedOn: date, expiresOn: nullableDate,
    status: { type: 'string', enum: ['valid', 'expiring', 'expired'] },
  }),
  StaffFlagView: obj(['kind', 'raisedAt', 'refId'], { kind: { type: 'string', enum: STAFF_FLAG_KINDS }, raisedAt: { type: 'string', format: 'date-time' }, refId: uuid }),
  StaffView: obj(
    ['id', 'institutionId', 'name', 'idNumber', 'idNumberDisclosure', 'role', 'roleLabel', 'employmentType', 'classType', 'className', 'startDate', 'endDate', 'status', 'vetting', 'recheck', 'flags', 'credentials', 'missingCredentials', 'createdAt'],
    {
      id: uuid, institutionId: uuid, name: str, idNumber: masked, idNumberDisclosure: disclosure,
      role: { type: 'string', enum: STAFF_ROLES }, roleLabel: str, employmentType: { type: 'string', enum: EMPLOYMENT_TYPES },
      classType: { type: ['string', 'null'], enum: [...CLASS_TYPES, null] }, className: { type: ['string', 'null'] },
      startDate: date, endDate: nullableDate, status: { type: 'string', enum: STAFF_STATUSES },
      vetting: obj(['status', 'reason', 'lastCheckedOn'], {
        status: { type: 'string', enum: VETTING_STATUSES }, reason: { type: ['string', 'null'], enum: [...VETTING_REASONS, null] }, lastCheckedOn: nullableDate,
      }),
      recheck: obj(['lastCheckedOn', 'dueOn', 'overdue'], { lastCheckedOn: nullableDate, dueOn: date, overdue: { type: 'boolean' } }),
      flags: { type: 'array', items: ref('StaffFlagView') },
      credentials: { type: 'array', items: ref('CredentialView') },
      missingCredentials: { type: 'array', items: str, description: 'Unmet requirements of the role, each `type|type` (any one of them)' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  ),
  StaffPage: page('StaffView'),
  StaffImportResult: obj(['institutionId', 'total', 'accepted', 'rejected'], {
    institutionId: uuid, total: int,
    accepted: { type: 'array', items: obj(['rowNumber', 'staff'], { rowNumber: int, staff: ref('StaffView') }) },
    rejected: { type: 'array', items: obj(['rowNumber', 'problems'], { rowNumber: int, problems: { type: 'array', items: ref('FieldProblem') } }) },
  }),
  RecordCheckView: obj(['id', 'result', 'checkedOn', 'authority', 'documentNo', 'affectedStaff'], {
    id: uuid, result: { type: 'string', enum: RECORD_CHECK_RESULTS }, checkedOn: date, authority: str, documentNo: { type: ['string', 'null'] },
    affectedStaff: { type: 'array', items: uuid },
  }),
  BanView: obj(['id', 'name', 'idNumber', 'idNumberDisclosure', 'kind', 'startsOn', 'endsOn', 'authority', 'documentNo', 'reason', 'addedBy', 'createdAt', 'matchedStaff'], {
    id: uuid, name: str, idNumber: masked, idNumberDisclosure: disclosure, kind: { type: 'string', enum: BAN_KINDS }, startsOn: date, endsOn: nullableDate,
    authority: str, documentNo: str, reason: str, addedBy: obj(['department', 'userId'], { department: str, userId: str }),
    createdAt: { type: 'string', format: 'date-time' },
    matchedStaff: { type: 'array', items: obj(['staffId', 'institutionId'], { staffId: uuid, institutionId: uuid }) },
  }),
  BanPage: page('BanView'),
  RevealedIdNumber: obj(['staffId', 'idNumber'], { staffId: uuid, idNumber: { type: 'string', description: 'the full number' } }),
  CredentialAlert: obj(['staffId', 'name', 'role', 'credentialId', 'type', 'label', 'expiresOn', 'daysLeft'], {
    staffId: uuid, name: str, role: { type: 'string', enum: STAFF_ROLES }, credentialId: uuid, type: { type: 'string', enum: CREDENTIAL_TYPES }, label: str,
    expiresOn: date, daysLeft: { type: 'integer', description: 'negative once expired' },
  }),
  CredentialAlerts: obj(['institutionId', 'today', 'days', 'expiring', 'expired'], {
    institutionId: uuid, today: date, days: int, expiring: { type: 'array', items: ref('CredentialAlert') }, expired: { type: 'array', items: ref('CredentialAlert') },
  }),
  OverdueRecheck: obj(['staffId', 'institutionId', 'institutionName', 'divisionCode', 'name', 'role', 'lastCheckedOn', 'dueOn', 'daysOverdue'], {
    staffId: uuid, institutionId: uuid, institutionName: str, divisionCode: str, name: str, role: { type: 'string', enum: STAFF_ROLES },
    lastCheckedOn: nullableDate, dueOn: date, daysOverdue: int,
  }),
  OverdueRechecks: obj(['today', 'items'], { today: date, items: { type: 'array', items: ref('OverdueRecheck') } }),
  RatioView: obj(['classType', 'label', 'children', 'enrolmentSource', 'carers', 'childrenPerCarer', 'requiredCarers', 'breached', 'source'], {
    classType: { type: 'string', enum: CLASS_TYPES }, label: str, children: int, enrolmentSource: { type: 'string', enum: ['roster', 'registered_places'] },
    carers: int, childrenPerCarer: int, requiredCarers: int, breached: { type: 'boolean' }, source: str,
  }),
  RateView: obj(['required', 'holding', 'rate'], rate),
  InstitutionStaffStats: obj(
    ['institutionId', 'institutionName', 'divisionCode', 'asOf', 'rulesVersion', 'activeStaff', 'byRole', 'certificate', 'healthCertificate', 'ratios', 'vetting', 'flagged', 'recheckOverdue'],
    {
      institutionId: uuid, institutionName: str, divisionCode: str, asOf: date, rulesVersion: str, activeStaff: int,
      byRole: { type: 'object', additionalProperties: int },
      certificate: obj(['required', 'holding', 'rate', 'target', 'meetsTarget', 'source'], { ...rate, target: { type: 'number' }, meetsTarget: { type: ['boolean', 'null'] }, source: str }),
      healthCertificate: ref('RateView'),
      ratios: { type: 'array', items: ref('RatioView') },
      vetting: obj(['cleared', 'pending', 'rejected'], { cleared: int, pending: int, rejected: int }),
      flagged: int, recheckOverdue: int,
    },
  ),
  DivisionStaffStats: obj(
    ['divisionCode', 'asOf', 'rulesVersion', 'institutions', 'activeStaff', 'certificate', 'healthCertificate', 'ratioBreaches', 'flagged', 'recheckOverdue', 'items'],
    {
      divisionCode: str, asOf: date, rulesVersion: str, institutions: int, activeStaff: int,
      certificate: obj(['required', 'holding', 'rate', 'target', 'meetsTarget', 'institutionsBelowTarget'], {
        ...rate, target: { type: 'number' }, meetsTarget: { type: ['boolean', 'null'] }, institutionsBelowTarget: int,
      }),
      healthCertificate: ref('RateView'),
      ratioBreaches: {
        type: 'array',
        items: obj(['institutionId', 'institutionName', 'classType', 'children', 'carers', 'requiredCarers'], {
          institutionId: uuid, institutionName: str, classType: { type: 'string', enum: CLASS_TYPES }, children: int, carers: int, requiredCarers: int,
        }),
      },
      flagged: int, recheckOverdue: int,
      items: { type: 'array', items: ref('InstitutionStaffStats') },
    },
  ),
  // Event data
  StaffEmploymentStartedData: obj([...institutionRequired, 'staff'], { ...institution, staff: ref('StaffView') }),
  StaffEmploymentEndedData: obj([...institutionRequired, 'staffId', 'endDate'], { ...institution, staffId: uuid, endDate: date }),
  StaffEmploymentFlaggedData: obj([...institutionRequired, 'staffId', 'kind', 'refId', 'nameMasked', 'idNumberMasked'], {
    ...institution, staffId: uuid, kind: { type: 'string', enum: STAFF_FLAG_KINDS }, refId: uuid, nameMasked: str, idNumberMasked: str,
  }),
  StaffVettingRejectedData: obj([...institutionRequired, 'attemptId', 'staffId', 'reason', 'refId', 'nameMasked', 'idNumberMasked', 'role'], {
    ...institution, attemptId: uuid, staffId: { type: ['string', 'null'], format: 'uuid' }, reason: { type: 'string', enum: VETTING_REASONS },
    refId: uuid, nameMasked: str, idNumberMasked: str, role: { type: 'string', enum: STAFF_ROLES },
  }),
  StaffBanMatchedData: obj([...institutionRequired, 'banId', 'staffId', 'banKind', 'authority', 'documentNo', 'nameMasked', 'idNumberMasked'], {
    ...institution, banId: uuid, staffId: uuid, banKind: { type: 'string', enum: BAN_KINDS }, authority: str, documentNo: str, nameMasked: str, idNumberMasked: str,
  }),
  StaffCredentialReminderData: obj([...institutionRequired, 'staffId', 'credentialId', 'type', 'expiresOn', 'daysLeft', 'nameMasked'], {
    ...institution, staffId: uuid, credentialId: uuid, type: { type: 'string', enum: CREDENTIAL_TYPES }, expiresOn: date, daysLeft: int, nameMasked: str,
  }),
  StaffRecheckOverdueData: obj([...institutionRequired, 'staffId', 'lastCheckedOn', 'dueOn', 'nameMasked'], {
    ...institution, staffId: uuid, lastCheckedOn: nullableDate, dueOn: date, nameMasked: str,
  }),
  StaffRatioBreachedData: obj([...institutionRequired, 'classType', 'children', 'enrolmentSource', 'carers', 'childrenPerCarer', 'requiredCarers', 'rulesVersion'], {
    ...institution, classType: { type: 'string', enum: CLASS_TYPES }, children: int, enrolmentSource: { type: 'string', enum: ['roster', 'registered_places'] },
    carers: int, childrenPerCarer: int, requiredCarers: int, rulesVersion: str,
  }),
  StaffCertificateRateChangedData: obj([...institutionRequired, 'required', 'holding', 'rateBp', 'previousRateBp', 'targetBp', 'meetsTarget', 'effectiveOn', 'rulesVersion', 'source'], {
    ...institution, required: int, holding: int,
    rateBp: { type: ['integer', 'null'], minimum: 0, maximum: 10_000, description: '持证率 in basis points (10000 = 100%); null when no role needs a qualification' },
    previousRateBp: { type: ['integer', 'null'], minimum: 0, maximum: 10_000 }, targetBp: int, meetsTarget: { type: ['boolean', 'null'] },
    effectiveOn: date, rulesVersion: str, source: str,
  }),
};
