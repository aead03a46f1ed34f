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

  it("masks an ID number with letters or underscores touching it, and in an error's stack", () => {
    const out = redact({ note: 'id=x11010519491231002X_', error: new Error('person 11010519491231002X not found') }) as Record<string, any>;
    expect(out.note).toBe('id=x110105********002X_');
    expect(out.error.message).toBe('person 110105********002X not found');
    expect(out.error.stack).toContain('110105********002X');
    expect(out.error.stack).not.toContain('11010519491231002X');
    expect(redact('1234567890123456789012')).toBe('1234567890123456789012'); // a longer number is not an ID number
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
