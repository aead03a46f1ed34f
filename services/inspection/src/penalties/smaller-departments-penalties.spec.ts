import type { PenaltyItem } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { loadBuiltInChecklists } from '../checklists/builtin-checklists.js';
import { effectiveChecklistItems } from '../checklists/checklist-rules.js';

import { CIVIL_PENALTY_2026_2 } from '../checklists/data/civil.data.js';
import { EDUCATION_PENALTY_2026_3, HRSS_PENALTY_2026_4, POLICE_PENALTY_2026_3 } from '../checklists/data/others.data.js';
import { describeFine } from './fine-rules.js';
import { checkPenalty } from './penalty-rules.js';
import { codeOf, fine, itemOf } from './penalty-decision.fixtures.js';

const lists = loadBuiltInChecklists();
/** Codes in force in 三墩镇 (西湖区), where the national and 西湖区's lists apply. */
const inForce = (department: string, kind: string, on: string) =>
  effectiveChecklistItems(lists, '330106109', on)
    .items.filter((i) => i.department === department && i.kind === kind)
    .map((i) => i.item.code);

describe('police, education, hrss and civil affairs from 2026-12-08', () => {
  it('keep every current penalty item and add the new ones on their start date (hrss the day after its version of 12-08)', () => {
    const added = (department: string, before: string, on: string) =>
      inForce(department, 'penalty', on).filter((c) => !inForce(department, 'penalty', before).includes(c));
    expect(inForce('police', 'penalty', '2026-12-07')).toEqual(['PPOL-01']);
    expect(added('police', '2026-12-07', '2026-12-08')).toEqual(['PPOL-02', 'PPOL-03', 'PPOL-04', 'PPOL-05', 'PPOL-06', 'PPOL-07', 'PPOL-08']);
    expect(inForce('education', 'penalty', '2026-12-08')).toEqual([
      ...inForce('education', 'penalty', '2026-12-07'),
      ...['03', '04', '05', '06', '07', '08', '09', '10'].map((n) => `PEDU-${n}`),
    ]);
    expect(inForce('civil', 'penalty', '2026-12-08')).toEqual(['PCIV-01', 'PCIV-02', 'PCIV-03', 'PCIV-04']);
    expect(inForce('hrss', 'penalty', '2026-12-08')).toEqual(['PHRS-01', 'PHRS-02', 'PHRS-03']);
    expect(inForce('hrss', 'penalty', '2026-12-09')).toEqual(['PHRS-01', ...['02', '03', '04', '05', '06', '07', '08', '09', '10'].map((n) => `PHRS-${n}`)]);
    expect(inForce('street', 'penalty', '2026-12-09')).toEqual([]);
  });

  it("tie each penalty item to inspection items of the same department's lists in force", () => {
    const on = '2026-12-09';
    const items = effectiveChecklistItems(lists, '330106109', on).items;
    for (const department of ['police', 'education', 'hrss', 'civil']) {
      const inspected = new Set(items.filter((i) => i.department === department && i.kind === 'inspection').map((i) => i.item.code));
      for (const p of items.filter((i) => i.department === department && i.kind === 'penalty'))
        for (const code of (p.item as PenaltyItem).relatedItems) expect(inspected.has(code), `${p.item.code} → ${code}`).toBe(true);
    }
    // 入职查询 is checked by the departments 未成年人保护法 第一百二十六条 names, no longer on the police list.
    expect(inForce('police', 'inspection', on)).not.toContain('POL-07');
    expect(inForce('education', 'inspection', on)).toContain('EDU-07');
    expect(inForce('hrss', 'inspection', on)).toContain('HRS-09');
  });

  it('police: 421号令 第十九条 fines only after 逾期不整改; 保安服务管理条例 第四十二条 only where 情节严重, 第四十三条 2万–10万', () => {
    const guards = itemOf(POLICE_PENALTY_2026_3, 'PPOL-05');
    expect(codeOf(guards, 'POL-12', { kinds: ['warning'] })).toBe('ok');
    expect(codeOf(guards, 'POL-12', fine(1_000_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(checkPenalty(guards, 'POL-12', fine(5_000_000, { circumstances: ['serious'] }))).toMatchObject({ minFen: 1_000_000, maxFen: 5_000_000 });
    expect(codeOf(itemOf(POLICE_PENALTY_2026_3, 'PPOL-02'), 'POL-09', fine(1_000_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    const footage = itemOf(POLICE_PENALTY_2026_3, 'PPOL-08');
    expect(codeOf(footage, 'POL-14', fine(1_999_900))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(footage, 'POL-14', fine(10_000_000))).toBe('ok');
    expect(codeOf(footage, 'POL-14', { kinds: ['warning'] })).toBe('PENALTY_KIND_NOT_ALLOWED');
  });

  it('education: 学前教育法 第七十九条 without a fine; 未成年人保护法 第一百二十四条 up to 1万; 擅自举办 1–5 times the 违法所得', () => {
    const abuse = itemOf(EDUCATION_PENALTY_2026_3, 'PEDU-03');
    expect(codeOf(abuse, 'EDU-11', { kinds: ['warning', 'confiscation'] })).toBe('ok');
    expect(codeOf(abuse, 'EDU-11', fine(100_000))).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(abuse.legalBasis).toContain('第七十九条第一款第（二）项');
    const smoking = itemOf(EDUCATION_PENALTY_2026_3, 'PEDU-09');
    expect(codeOf(smoking, 'EDU-15', fine(1_000_000))).toBe('ok');
    expect(codeOf(smoking, 'EDU-15', fine(1_000_100))).toBe('PENALTY_OUT_OF_RANGE');
    const unlicensed = itemOf(EDUCATION_PENALTY_2026_3, 'PEDU-10');
    expect(checkPenalty(unlicensed, 'EDU-16', fine(500_000, { basisAmountFen: 500_000 }))).toMatchObject({ minFen: 500_000, maxFen: 2_500_000 });
    expect(codeOf(unlicensed, 'EDU-16', fine(2_500_100, { basisAmountFen: 500_000 }))).toBe('PENALTY_OUT_OF_RANGE');
    expect(itemOf(EDUCATION_PENALTY_2026_3, 'PEDU-02').relatedItems).toEqual(['EDU-07']);
  });

  it('hrss: 劳动保障监察条例 第三十条 2千–2万; 农民工工资 2万–5万 only after 逾期不改正; 延长工作时间 a warning only (no per-person formula yet)', () => {
    const obstruct = itemOf(HRSS_PENALTY_2026_4, 'PHRS-06');
    expect(describeFine(obstruct.fine!)).toBe('¥2,000.00 至 ¥20,000.00（第三十条第一款）');
    expect(codeOf(obstruct, 'HRS-10', fine(199_900))).toBe('PENALTY_OUT_OF_RANGE');
    const ledger = itemOf(HRSS_PENALTY_2026_4, 'PHRS-09');
    expect(codeOf(ledger, 'HRS-11', fine(2_000_000))).toBe('PENALTY_OUT_OF_RANGE');
    expect(codeOf(ledger, 'HRS-11', fine(5_000_000, { circumstances: ['refused_to_correct'] }))).toBe('ok');
    expect(codeOf(itemOf(HRSS_PENALTY_2026_4, 'PHRS-05'), 'HRS-08', fine(10_000))).toBe('PENALTY_KIND_NOT_ALLOWED');
    expect(itemOf(HRSS_PENALTY_2026_4, 'PHRS-01').relatedItems).toEqual(['HRS-09']);
  });

  it('civil: 撤销登记 for a registration obtained by fraud, 取缔 for activity without one', () => {
    expect(codeOf(itemOf(CIVIL_PENALTY_2026_2, 'PCIV-03'), 'CIV-05', { kinds: ['revocation'] })).toBe('ok');
    expect(codeOf(itemOf(CIVIL_PENALTY_2026_2, 'PCIV-04'), 'CIV-06', { kinds: ['suspension', 'confiscation'] })).toBe('ok');
    expect(itemOf(CIVIL_PENALTY_2026_2, 'PCIV-01').legalBasis).toContain('第二十五条第一款、第二款');
  });
});
