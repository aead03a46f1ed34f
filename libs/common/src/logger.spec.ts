import { describe, expect, it } from 'vitest';
import { JsonLogger, redact } from './logger.js';

describe('logs never carry secrets or resident ID numbers', () => {
  it('drops sensitive keys at any depth and masks ID-shaped strings', () => {
    const out = redact({
      username: 'health.330106',
      password: 'shanyu-demo',
      headers: { authorization: 'Bearer abc.def.ghi' },
      staff: [{ idNumber: '11010519491231002X', note: '身份证 11010519491231002X 已核验' }],
      accessToken: 'eyJ…',
    }) as Record<string, any>;
    expect(out.username).toBe('health.330106');
    expect(out.password).toBe('[redacted]');
    expect(out.headers.authorization).toBe('[redacted]');
    expect(out.accessToken).toBe('[redacted]');
    expect(out.staff[0].idNumber).toBe('[redacted]');
    expect(out.staff[0].note).toBe('身份证 110105********002X 已核验');
  });

  it('writes one JSON line per entry above the configured level', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('test', 'info', (l) => lines.push(l));
    logger.debug('hidden');
    logger.info('登记成功', { requestId: 'r1', password: 'x' });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'info', service: 'test', msg: '登记成功', requestId: 'r1', password: '[redacted]' });
  });
});
