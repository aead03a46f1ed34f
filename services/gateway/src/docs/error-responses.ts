import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION — details name each bad field',
  401: 'UNAUTHENTICATED / TOKEN_INVALID / TOKEN_REVOKED',
  403: 'DEPARTMENT_NOT_ALLOWED (the department may not) / ROLE_NOT_ALLOWED (an inspector account, outside its visit work) / DIVISION_OUT_OF_SCOPE / ' +
    'NOT_OWN_INSTITUTION (an operator, another\'s institution) / INSPECTOR_NOT_ASSIGNED (a visit the inspector is not assigned to) / SCOPE_NOT_GRANTED (an API client)',
  404: 'NOT_FOUND (e.g. INSTITUTION_NOT_FOUND)',
  409: 'CONFLICT (e.g. INSTITUTION_USCC_TAKEN, INSTITUTION_VERSION_CONFLICT)',
  422: 'RULE_VIOLATION',
  413: 'PAYLOAD_TOO_LARGE / BODY_TOO_COMPLEX — details name the limit',
  429: 'LOGIN_DELAYED / ACCOUNT_LOCKED / TOO_MANY_LOGIN_ATTEMPTS (retryAt, Retry-After)',
  503: 'SERVICE_UNAVAILABLE',
};

/** Documents the `{statusCode, code, message, details?}` error body for the given statuses. */
export function errorResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status], schema: { $ref: '#/components/schemas/ErrorResponse' } }),
    ),
  );
}
