import { DomainError } from '@shanyu/common';
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { toHttpError } from './http-error.filter.js';

describe('errors as HTTP responses', () => {
  it.each([
    ['VALIDATION', 400], ['UNAUTHENTICATED', 401], ['TOKEN_INVALID', 401], ['DEPARTMENT_NOT_ALLOWED', 403], ['DIVISION_OUT_OF_SCOPE', 403],
    ['INSTITUTION_NOT_FOUND', 404], ['INSTITUTION_USCC_TAKEN', 409], ['SERVICE_UNAVAILABLE', 503], ['RPC_TIMEOUT', 504],
  ])('domain code %s → %i, code and message kept', (code, status) => {
    expect(toHttpError(new DomainError(code, '中文说明'))).toEqual({ statusCode: status, code, message: '中文说明' });
  });

  it('keeps the field details of a validation error', () => {
    const e = DomainError.validation([{ field: 'uscc', code: 'isUscc', message: '校验位错误' }]);
    expect(toHttpError(e).details).toEqual([{ field: 'uscc', code: 'isUscc', message: '校验位错误' }]);
  });

  it('maps framework errors to stable codes and hides unknown ones behind INTERNAL', () => {
    expect(toHttpError(new NotFoundException())).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(toHttpError(new PayloadTooLargeException())).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toHttpError(new BadRequestException('Unexpected token } in JSON'))).toMatchObject({ statusCode: 400, code: 'VALIDATION' });
    const internal = toHttpError(new Error('connection refused at 10.0.0.5'));
    expect(internal).toEqual({ statusCode: 500, code: 'INTERNAL', message: '服务内部错误' });
  });
});
