import { describe, expect, it } from 'vitest';
import { banInForce, decideVetting, recheckDue } from './vetting.js';

const today = '2026-06-15';
const decide = (input: Partial<Parameters<typeof decideVetting>[0]>) =>
  decideVetting({ bans: [], checks: [], today, startDate: today, intervalMonths: 12, ...input });

describe('vetting at hiring', () => {
  it('rejects a person under a lifetime ban, whenever it was decided', () => {
    expect(decide({ bans: [{ id: 'b1', kind: 'lifetime', startsOn: '2010-01-01', endsOn: null }] })).toEqual({
      status: 'rejected',
      reason: 'BANNED',
      refId: 'b1',
    });
  });

  it('a time-limited ban blocks only while in force, today or on the first working day', () => {
    const ban = { id: 'b2', kind: 'time_limited' as const, startsOn: '2023-01-01', endsOn: '2026-06-14' };
    expect(decide({ bans: [ban] }).status).toBe('pending');
    expect(decide({ bans: [{ ...ban, endsOn: '2026-06-15' }] }).status).toBe('rejected');
    expect(decide({ bans: [{ ...ban, startsOn: '2026-07-01', endsOn: '2027-07-01' }], startDate: '2026-07-01' }).reason).toBe('BANNED');
    expect(banInForce({ ...ban, endsOn: '2026-06-15' }, '2026-06-16')).toBe(false);
  });

  it('a ban decides before any record check', () => {
    const result = decide({
      bans: [{ id: 'b', kind: 'lifetime', startsOn: '2020-01-01', endsOn: null }],
      checks: [{ id: 'c', result: 'no_record', checkedOn: today }],
    });
    expect(result.reason).toBe('BANNED');
  });

  it('the latest criminal-record query decides: a record rejects, none within 12 months clears, older or none is pending', () => {
    expect(decide({ checks: [{ id: 'c1', result: 'record_found', checkedOn: '2026-01-01' }] })).toEqual({
      status: 'rejected',
      reason: 'CRIMINAL_RECORD',
      refId: 'c1',
    });
    expect(
      decide({
        checks: [
          { id: 'c1', result: 'record_found', checkedOn: '2025-01-01' },
          { id: 'c2', result: 'no_record', checkedOn: '2026-01-01' },
        ],
      }),
    ).toEqual({ status: 'cleared', reason: null, refId: 'c2' });
    expect(decide({ checks: [{ id: 'c3', result: 'no_record', checkedOn: '2025-06-15' }] }).status).toBe('cleared');
    expect(decide({ checks: [{ id: 'c4', result: 'no_record', checkedOn: '2025-06-14' }] })).toEqual({
      status: 'pending',
      reason: 'NO_RECENT_QUERY',
      refId: 'c4',
    });
    expect(decide({})).toEqual({ status: 'pending', reason: null, refId: null });
  });
});

describe('yearly re-check (未成年人保护法 第六十二条)', () => {
  it('is due 12 months after the last query, to the day, and overdue the day after', () => {
    expect(recheckDue('2025-01-10', '2024-05-01', 12, '2026-01-10')).toEqual({ dueOn: '2026-01-10', overdue: false });
    expect(recheckDue('2025-01-10', '2024-05-01', 12, '2026-01-11')).toEqual({ dueOn: '2026-01-10', overdue: true });
  });

  it('counts from the start of the employment when no query was recorded', () => {
    expect(recheckDue(null, '2025-03-01', 12, '2026-03-02')).toEqual({ dueOn: '2026-03-01', overdue: true });
  });
});
