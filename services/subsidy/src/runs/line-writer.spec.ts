import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copyRow, lineId, type LineToWrite } from './line-writer.js';

const RUN = '0b7e6a52-6f0e-4c1e-9a43-2f1d1f0a9c11';
const line = (over: Partial<LineToWrite> = {}): LineToWrite =>
  ({
    lineKey: '2026-03|inst|hangzhou/OPERATING|child',
    origKey: '2026-03|inst|hangzhou/OPERATING|child',
    period: '2026-03',
    institutionId: '00000000-0000-4000-8000-000000000001',
    institutionName: '小星星托育园',
    divisionCode: '330106109',
    childKey: 'child',
    rosterLineNo: 3,
    policyKey: 'hangzhou',
    policyVersion: 'hangzhou/2023.1',
    ruleId: 'OPERATING',
    ruleKind: 'per_child_monthly',
    ruleTitle: '普惠运营补助',
    status: 'payable',
    baseFen: 60_000,
    amountFen: 60_000,
    reasonCode: null,
    explanation: '按实际收托 22 天发放。',
    inputs: { days: 22 },
    budgetKey: 'hangzhou|2026',
    kind: 'regular',
    adjustsLineId: null,
    ...over,
  }) as LineToWrite;

describe('COPY rows of run lines', () => {
  it('derives the id as md5(run id : line key) in uuid form, as the SQL writer did', () => {
    const hex = createHash('md5').update(`${RUN}:a|b`).digest('hex');
    expect(lineId(RUN, 'a|b')).toBe(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
    expect(lineId(RUN, 'a|b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(lineId(RUN, 'a|c')).not.toBe(lineId(RUN, 'a|b'));
  });

  it('writes one text-format row of 24 fields, NULL as \\N, numbers and JSON as text', () => {
    const row = copyRow(RUN, line());
    expect(row.endsWith('\n')).toBe(true);
    const fields = row.slice(0, -1).split('\t');
    expect(fields).toHaveLength(24);
    expect(fields[0]).toBe(RUN);
    expect(fields[2]).toBe(lineId(RUN, line().lineKey));
    expect(fields[9]).toBe('3');
    expect(fields[16]).toBe('60000');
    expect(fields[18]).toBe('\\N');
    expect(fields[20]).toBe('{"days":22}');
    expect(fields[23]).toBe('\\N');
  });

  it('escapes backslashes, tabs and line breaks so a field never splits the row', () => {
    const row = copyRow(RUN, line({ explanation: 'a\tb\nc\rd\\e', inputs: { note: 'x\\y' } }));
    const fields = row.slice(0, -1).split('\t');
    expect(fields).toHaveLength(24);
    expect(row.split('\n')).toHaveLength(2);
    expect(fields[19]).toBe('a\\tb\\nc\\rd\\\\e');
    // JSON.stringify escapes the backslash once; COPY's escape doubles each.
    expect(fields[20]).toBe('{"note":"x\\\\\\\\y"}');
  });
});
