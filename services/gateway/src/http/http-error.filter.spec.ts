import { DomainError } from '@shanyu/common';
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../auth/rate-limited.error.js';
import { toHttpError } from './http-error.filter.js';

describe('errors as HTTP responses', () => {
  it.each([
    ['VALIDATION', 400],
    ['UNAUTHENTICATED', 401],
    ['TOKEN_INVALID', 401],
    ['DEPARTMENT_NOT_ALLOWED', 403],
    ['DIVISION_OUT_OF_SCOPE', 403],
    ['INSTITUTION_NOT_FOUND', 404],
    ['INSTITUTION_USCC_TAKEN', 409],
    ['SERVICE_UNAVAILABLE', 503],
    ['RPC_TIMEOUT', 504],
    ['TOKEN_REVOKED', 401],
    ['ACCOUNT_LOCKED', 429],
    ['TOO_MANY_LOGIN_ATTEMPTS', 429],
  ])('domain code %s → %i, code and message kept', (code, status) => {
    expect(toHttpError(new DomainError(code, '中文说明'))).toEqual({ statusCode: status, code, message: '中文说明' });
  });

  it('keeps the field details of a validation error', () => {
    const e = DomainError.validation([{ field: 'uscc', code: 'isUscc', message: '校验位错误' }]);
    expect(toHttpError(e).details).toEqual([{ field: 'uscc', code: 'isUscc', message: '校验位错误' }]);
  });

  it('lists the first 20 problems and counts the rest in one entry; the message names 10 fields', () => {
    const e = DomainError.validation(Array.from({ length: 60_000 }, (_, i) => ({ field: `k${i}`, code: 'whitelistValidation', message: '不允许的字段' })));
    const body = toHttpError(e);
    expect(body.details).toHaveLength(21);
    expect(body.details!.at(-1)).toEqual({ field: '(more)', code: 'moreProblems', message: '另有 59980 个问题未列出' });
    expect(body.message).toBe('请求参数有误：k0、k1、k2、k3、k4、k5、k6、k7、k8、k9 等 60000 个字段');
  });

  it('answers an unknown route 404 even when its path names JSON', () => {
    expect(toHttpError(new NotFoundException('Cannot GET /api/v1/anything.json'))).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('maps a body beyond the limits to 413 BODY_TOO_COMPLEX', () => {
    expect(toHttpError(new DomainError('BODY_TOO_COMPLEX', '请求体过于复杂'))).toMatchObject({ statusCode: 413, code: 'BODY_TOO_COMPLEX' });
  });

  it('maps framework errors to stable codes and hides unknown ones behind INTERNAL', () => {
    expect(toHttpError(new NotFoundException())).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(toHttpError(new PayloadTooLargeException())).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toHttpError(new BadRequestException('Unexpected token } in JSON'))).toMatchObject({ statusCode: 400, code: 'VALIDATION' });
    const internal = toHttpError(new Error('connection refused at 10.0.0.5'));
    expect(internal).toEqual({ statusCode: 500, code: 'INTERNAL', message: '服务内部错误' });
  });

  it('adds retryAt to a 429 and counts Retry-After in whole seconds', () => {
    const at = new Date(Date.now() + 90_500);
    const e = new RateLimitedError('ACCOUNT_LOCKED', '账号已锁定', at);
    expect(toHttpError(e)).toEqual({ statusCode: 429, code: 'ACCOUNT_LOCKED', message: '账号已锁定', retryAt: at.toISOString() });
    expect(e.retryAfterSeconds(at.getTime() - 90_500)).toBe(91);
    expect(e.retryAfterSeconds(at.getTime() + 5_000)).toBe(1);
  });

  it('answers 503 SERVICE_UNAVAILABLE (retry later), not 500, when PostgreSQL cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const wrapped = Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('Connection terminated unexpectedly'), {}) });
    for (const e of [refused, shutdown, wrapped])
      expect(toHttpError(e)).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: '数据库暂不可用，请稍后重试' });
    expect(toHttpError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toMatchObject({ statusCode: 500, code: 'INTERNAL' });
  });
});
