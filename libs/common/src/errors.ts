/**
 * Domain errors carry a stable English code and a Chinese message; each transport translates
 * them (HTTP status in the gateway, `{ok:false,error}` on NATS), so a refusal means the same
 * whichever way it was asked.
 */
export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `places.infant`. */
  field: string;
  /** Stable English code of the problem, e.g. `isInt`, `USCC_CHECK_CHARACTER`. */
  code: string;
  /** Chinese message for people. */
  message: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: FieldProblem[];
}

/** The kinds of failure; the gateway maps each to an HTTP status. */
export const ErrorKind = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
  /** A request body beyond the gateway's size or complexity limits. */
  TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
} as const;
export type ErrorKind = keyof typeof ErrorKind;

/**
 * Every stable error code the platform emits, with its kind. Codes are part of the public
 * contract: add new ones, never rename.
 */
export const ErrorCodes = {
  VALIDATION: 'VALIDATION',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'UNAUTHENTICATED',
  TOKEN_INVALID: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  DEPARTMENT_NOT_ALLOWED: 'FORBIDDEN',
  DIVISION_OUT_OF_SCOPE: 'FORBIDDEN',
  ROLE_NOT_ALLOWED: 'FORBIDDEN',
  NOT_OWN_INSTITUTION: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'NOT_FOUND',
  EVIDENCE_NOT_FOUND: 'NOT_FOUND',
  INSTITUTION_NOT_FOUND: 'NOT_FOUND',
  INSTITUTION_USCC_TAKEN: 'CONFLICT',
  INSTITUTION_VERSION_CONFLICT: 'CONFLICT',
  INSTITUTION_DEREGISTERED: 'CONFLICT',
  INSTITUTION_ALREADY_FILED: 'CONFLICT',
  INSTITUTION_NOT_FILED: 'CONFLICT',
  FILING_NOT_FOUND: 'NOT_FOUND',
  FILING_ALREADY_SUBMITTED: 'CONFLICT',
  FILING_NOT_SUBMITTED: 'CONFLICT',
  FILING_NOT_APPROVED: 'CONFLICT',
  INCLUSIVE_PLACES_EXCEED: 'RULE_VIOLATION',
  INCLUSIVE_NOT_GRANTED: 'CONFLICT',
  DEMONSTRATION_GRADE_TOO_LOW: 'RULE_VIOLATION',
  PAYLOAD_TOO_LARGE: 'VALIDATION',
  SERVICE_UNAVAILABLE: 'UNAVAILABLE',
  RPC_TIMEOUT: 'TIMEOUT',
  INTERNAL: 'INTERNAL',
  // staff (从业人员)
  STAFF_NOT_FOUND: 'NOT_FOUND',
  STAFF_ALREADY_EMPLOYED: 'CONFLICT',
  STAFF_ALREADY_ENDED: 'CONFLICT',
  STAFF_BANNED: 'RULE_VIOLATION',
  STAFF_CRIMINAL_RECORD: 'RULE_VIOLATION',
  STAFF_IMPORT_FILE_INVALID: 'VALIDATION',
  CREDENTIAL_DUPLICATE: 'CONFLICT',
  BAN_DUPLICATE: 'CONFLICT',
  // abuse limits (gateway auth)
  TOKEN_REVOKED: 'UNAUTHENTICATED',
  ACCOUNT_LOCKED: 'TOO_MANY_REQUESTS',
  TOO_MANY_LOGIN_ATTEMPTS: 'TOO_MANY_REQUESTS',
  LOGIN_DELAYED: 'TOO_MANY_REQUESTS',
  BODY_TOO_COMPLEX: 'TOO_LARGE',
  // inspection (两张清单, 双随机, 综合查一次, 整改, 处罚, 投诉)
  CHECKLIST_VERSION_EXISTS: 'CONFLICT',
  CHECKLIST_INVALID: 'VALIDATION',
  INSPECTOR_NOT_FOUND: 'NOT_FOUND',
  INSPECTOR_BADGE_TAKEN: 'CONFLICT',
  INSPECTOR_USER_TAKEN: 'CONFLICT',
  INSPECTOR_NOT_ASSIGNED: 'FORBIDDEN',
  INSPECTOR_NOT_AVAILABLE: 'RULE_VIOLATION',
  PLAN_NOT_FOUND: 'NOT_FOUND',
  PLAN_POOL_EMPTY: 'RULE_VIOLATION',
  PLAN_NOT_ENOUGH_INSPECTORS: 'RULE_VIOLATION',
  PLAN_ALREADY_DRAWN: 'CONFLICT',
  PLAN_NOT_DRAWN: 'CONFLICT',
  INSTITUTION_NOT_DRAWN: 'RULE_VIOLATION',
  INSPECTION_NOT_FOUND: 'NOT_FOUND',
  INSPECTION_ALREADY_CREATED: 'CONFLICT',
  INSPECTION_NOT_ENOUGH_INSPECTORS: 'RULE_VIOLATION',
  INSPECTION_YEARLY_CAP: 'RULE_VIOLATION',
  INSPECTION_REPEATED: 'RULE_VIOLATION',
  ITEM_NOT_ON_FORM: 'RULE_VIOLATION',
  ITEM_OTHER_DEPARTMENT: 'FORBIDDEN',
  INSPECTION_SIGNED_OFF: 'CONFLICT',
  INSPECTION_COMPLETED: 'CONFLICT',
  INSPECTION_NOT_COMPLETED: 'CONFLICT',
  INSPECTION_RESULTS_INCOMPLETE: 'RULE_VIOLATION',
  INSPECTION_RESULTS_IN_CONFLICT: 'CONFLICT',
  RESULT_VERSION_NOT_FOUND: 'NOT_FOUND',
  RESULT_NOT_IN_CONFLICT: 'CONFLICT',
  RESULT_NOT_LATE: 'CONFLICT',
  NO_OPEN_FINDINGS: 'CONFLICT',
  FINDING_NOT_FOUND: 'NOT_FOUND',
  FINDING_CLOSED: 'CONFLICT',
  PENALTY_ITEM_NOT_FOUND: 'NOT_FOUND',
  PENALTY_ITEM_NOT_APPLICABLE: 'RULE_VIOLATION',
  PENALTY_KIND_NOT_ALLOWED: 'RULE_VIOLATION',
  PENALTY_OUT_OF_RANGE: 'RULE_VIOLATION',
  PENALTY_FINE_REQUIRED: 'RULE_VIOLATION',
  PENALTY_BASIS_REQUIRED: 'RULE_VIOLATION',
  /** A 裁量基准 applies to the item and the decision states no level (从轻/一般/从重). */
  PENALTY_DISCRETION_REQUIRED: 'RULE_VIOLATION',
  /** The fine lies outside the share of the lawful range the stated 裁量 level allows. */
  PENALTY_OUTSIDE_DISCRETION: 'RULE_VIOLATION',
  COMPLAINT_NOT_FOUND: 'NOT_FOUND',
  COMPLAINT_ALREADY_TRIAGED: 'CONFLICT',
  COMPLAINT_NOT_ACCEPTED: 'CONFLICT',
  // credit (信用)
  CREDIT_MODEL_NOT_IN_FORCE: 'RULE_VIOLATION',
  CREDIT_ENTRY_NOT_FOUND: 'NOT_FOUND',
  CREDIT_REPAIR_NOT_FOUND: 'NOT_FOUND',
  CREDIT_REPAIR_NOT_ALLOWED: 'RULE_VIOLATION',
  CREDIT_REPAIR_PENDING: 'CONFLICT',
  CREDIT_REPAIR_ALREADY_DECIDED: 'CONFLICT',
  CREDIT_LISTING_NOT_FOUND: 'NOT_FOUND',
  /** The entries named do not ground a serious-breach listing under the model in force (its `listing` rule), or the model has none. */
  CREDIT_LISTING_NOT_GROUNDED: 'RULE_VIOLATION',
  CREDIT_LISTING_PENDING: 'CONFLICT',
  CREDIT_LISTING_STATEMENT_CLOSED: 'CONFLICT',
  /** A decision before the statement period (陈述申辩) ended, the institution not having stated its case. */
  CREDIT_LISTING_STATEMENT_OPEN: 'CONFLICT',
  CREDIT_LISTING_ALREADY_DECIDED: 'CONFLICT',
  // subsidy (补助: rosters, policies, runs, approvals)
  ROSTER_NOT_FOUND: 'NOT_FOUND',
  ROSTER_MONTH_IN_FUTURE: 'VALIDATION',
  ROSTER_OVER_CAPACITY: 'RULE_VIOLATION',
  ROSTER_FILE_INVALID: 'VALIDATION',
  POLICY_INVALID: 'VALIDATION',
  RULE_DOCUMENT_INVALID: 'VALIDATION',
  /** A rule document version that is already stored (versions are never edited: publish the next one). */
  RULE_DOCUMENT_VERSION_EXISTS: 'CONFLICT',
  POLICY_VERSION_EXISTS: 'CONFLICT',
  POLICY_PERIOD_OVERLAP: 'CONFLICT',
  POLICY_PERIOD_POSTED: 'CONFLICT',
  SUBSIDY_RUN_NOT_FOUND: 'NOT_FOUND',
  SUBSIDY_RUN_MONTH_IN_FUTURE: 'VALIDATION',
  SUBSIDY_RUN_POSTED: 'CONFLICT',
  SUBSIDY_RUN_OVERLAP: 'CONFLICT',
  SUBSIDY_RUN_NOT_READY: 'CONFLICT',
  SUBSIDY_RUN_STALE: 'CONFLICT',
  SUBSIDY_APPROVAL_WRONG_STAGE: 'CONFLICT',
  CHECKLIST_NOT_IN_FORCE: 'RULE_VIOLATION',
  PENALTY_DECISION_NO_TAKEN: 'CONFLICT',
  // machine credentials of department systems (API clients, gateway)
  INVALID_CLIENT: 'UNAUTHENTICATED',
  API_CLIENT_REVOKED: 'UNAUTHENTICATED',
  CLIENT_SECRET_EXPIRED: 'UNAUTHENTICATED',
  // identity tokens on NATS requests (shanyu-identity)
  IDENTITY_MISSING: 'UNAUTHENTICATED',
  IDENTITY_INVALID: 'UNAUTHENTICATED',
  IDENTITY_EXPIRED: 'UNAUTHENTICATED',
  SCOPE_NOT_GRANTED: 'FORBIDDEN',
  API_CLIENT_NOT_FOUND: 'NOT_FOUND',
  API_CLIENT_ALREADY_REVOKED: 'CONFLICT',
} as const satisfies Record<string, ErrorKind>;
export type ErrorCode = keyof typeof ErrorCodes;

export function kindOf(code: string): ErrorKind {
  return (ErrorCodes as Record<string, ErrorKind>)[code] ?? 'INTERNAL';
}

const MESSAGE_FIELDS = 10;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get kind(): ErrorKind {
    return kindOf(this.code);
  }

  toBody(): ErrorBody {
    return this.details?.length ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError(body.code, body.message, body.details);
  }

  /** The message names the first MESSAGE_FIELDS fields and counts the rest (a body of 60,000 unknown keys makes one line). */
  static validation(details: FieldProblem[]): DomainError {
    const fields = [...new Set(details.map((d) => d.field))];
    const named = fields.slice(0, MESSAGE_FIELDS).join('、');
    const rest = fields.length > MESSAGE_FIELDS ? ` 等 ${fields.length} 个字段` : '';
    return new DomainError('VALIDATION', `请求参数有误：${named}${rest}`, details);
  }

  static isDomainError(e: unknown): e is DomainError {
    return e instanceof DomainError;
  }
}
