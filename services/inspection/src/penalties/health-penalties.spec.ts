import { describe, expect, it } from 'vitest';
import { effectiveChecklistItems } from '../checklists/checklist-rules.js';
import { loadBuiltInChecklists } from '../checklists/builtin-checklists.js';

import { HEALTH_PENALTY_2026_3 } from '../checklists/data/health.data.js';
import { checkPenalty } from './penalty-rules.js';
import { codeOf, fine, itemOf } from './penalty-decision.fixtures.js';

const item = (code: string) => itemOf(HEALTH_PENALTY_2026_3, code);

describe('health/2026.3', () => {
  it('人口与计划生育法 第四十一条第一款: a warning; 5千–5万 only after 拒不改正, 5万–10万 where 情节严重', () => {
    const abuse = item('PHLT-05');
    expect(codeOf(abuse, 'HLT-19', { kinds: ['warning'] })).toBe('ok');
    expect(codeOf(abuse, 'HLT-19', fine(500_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(checkPenalty(abuse, 'HLT-19', fine(500_000, { circumstances: ['refused_to_correct'] }))).toMatchObject({ minFen: 500_000, maxFen: 5_000_000 });
    expect(codeOf(abuse, 'HLT-19', fine(5_000_100, { circumstances: ['refused_to_correct'] }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(checkPenalty(abuse, 'HLT-19', fine(10_000_000, { circumstances: ['refused_to_correct', 'serious'] }))).toMatchObject({ minFen: 5_000_000 });
    expect(codeOf(item('PHLT-03'), 'HLT-15', { kinds: ['suspension'] })).toBe('ok');
    expect(codeOf(item('PHLT-03'), 'HLT-19', { kinds: ['warning'] })).toBe('PENALTY_ITEM_NOT_APPLICABLE');
  });

  it('二次供水 20–5000 元; 护士条例 第二十八条 without a fine; 76号令 第十九条 also for 定期体检 and 两案九制', () => {
    expect(codeOf(item('PHLT-06'), 'HLT-25', fine(2_000))).toBe('ok');
    expect(codeOf(item('PHLT-06'), 'HLT-25', fine(500_100))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(item('PHLT-07'), 'HLT-13', fine(100_000))).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(item('PHLT-01').relatedItems).toEqual(expect.arrayContaining(['HLT-03', 'HLT-18', 'HLT-21', 'HLT-22']));
  });

  it('is in force from 2026-12-08, every current item kept', () => {
    const health = (on: string, kind: string) =>
      effectiveChecklistItems(loadBuiltInChecklists(), '330106', on)
        .items.filter((i) => i.department === 'health' && i.kind === kind)
        .map((i) => i.item.code);
    expect(health('2026-12-07', 'inspection')).toHaveLength(17);
    expect(health('2026-12-08', 'inspection')).toEqual(expect.arrayContaining([...health('2026-12-07', 'inspection'), 'HLT-19', 'HLT-25']));
    expect(health('2026-12-08', 'inspection')).toHaveLength(25);
    expect(health('2026-12-08', 'penalty')).toEqual(['PHLT-01', 'PHLT-02', 'PHLT-03', 'PHLT-04', 'PHLT-05', 'PHLT-06', 'PHLT-07']);
  });
});
