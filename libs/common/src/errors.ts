/**
 * Domain errors carry a stable English code and a Chinese message; each transport translates
 * them (HTTP status in the gateway, `{ok:false,error}` on NATS). See ARCHITECTURE.md "Errors".
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
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'NOT_FOUND',
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
} as const satisfies Record<string, ErrorKind>;
export type ErrorCode = keyof typeof ErrorCodes;

export function kindOf(code: string): ErrorKind {
  return (ErrorCodes as Record<string, ErrorKind>)[code] ?? 'INTERNAL';
}

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
    return this.details?.length
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError(body.code, body.message, body.details);
  }

  static validation(details: FieldProblem[]): DomainError {
    const fields = [...new Set(details.map((d) => d.field))].join('、');
    return new DomainError('VALIDATION', `请求参数有误：${fields}`, details);
  }

  static isDomainError(e: unknown): e is DomainError {
    return e instanceof DomainError;
  }
}
