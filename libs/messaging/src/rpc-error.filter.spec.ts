import { DomainError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, toErrorBody } from './rpc-error.filter.js';

describe('RPC error bodies', () => {
  it('keeps domain errors and hides unknown ones behind INTERNAL', () => {
    expect(toErrorBody(new DomainError('INSTITUTION_NOT_FOUND', '机构不存在'))).toEqual({ code: 'INSTITUTION_NOT_FOUND', message: '机构不存在' });
    expect(toErrorBody(new Error('relation "x" does not exist at 10.0.0.5'))).toEqual({ code: 'INTERNAL', message: '服务内部错误' });
  });

  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['server shut down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['crash of another backend (57P02)', Object.assign(new Error('terminating connection because of crash of another server process'), { code: '57P02' })],
    ['starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['connection lost', new Error('Connection terminated unexpectedly')],
    [
      'TypeORM, transaction connection lost',
      Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
    ['wrapped driver error', Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: '08006' }) })],
  ])('a database that cannot be reached (%s) is SERVICE_UNAVAILABLE, to retry', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    expect(toErrorBody(e)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: '数据库暂不可用，请稍后重试' });
  });

  it('does not take a constraint violation or a syntax error for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
  });
});
