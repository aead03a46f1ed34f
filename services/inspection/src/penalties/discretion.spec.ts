import { DomainError, NATIONAL_JURISDICTION } from '@shanyu/common';
import type { DiscretionItem, PenaltyItem } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import type { EffectiveChecklistItem } from '../checklists/checklist-rules.js';
import { ChecklistError, loadChecklist } from '../checklists/checklist-schema.js';
import { MARKET_DISCRETION_2026 } from '../checklists/data/discretion.data.js';
import { checkDiscretion, discretionBand, discretionEntryFor } from './discretion.js';

const national = loadChecklist(MARKET_DISCRETION_2026);
const general: EffectiveChecklistItem<DiscretionItem> = {
  kind: 'discretion',
  department: 'market',
  item: national.discretionItems[0]!,
  checklistVersion: national.version,
  jurisdiction: NATIONAL_JURISDICTION,
};
const forStorage: EffectiveChecklistItem<DiscretionItem> = {
  ...general,
  item: { ...general.item, code: 'DMKT-01', penaltyItems: ['PMKT-06'] },
  checklistVersion: 'market-330106/2027.1',
  jurisdiction: '330106',
};
const item = { code: 'PMKT-03' } as PenaltyItem;
const range = { minFen: 500_000, maxFen: 5_000_000, article: null };

const codeOf = (fineFen: number, level?: 'lenient' | 'ordinary' | 'severe', entry: typeof general | null = general) => {
  try {
    checkDiscretion(item, fineFen, range, entry ?? undefined, level);
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('行政处罚裁量基准', () => {
  it('divides the lawful range into the shares of its levels, bounds included', () => {
    expect(discretionBand(range, general.item, 'lenient')).toEqual({ minFen: 500_000, maxFen: 1_850_000 });
    expect(discretionBand(range, general.item, 'ordinary')).toEqual({ minFen: 1_850_000, maxFen: 3_650_000 });
    expect(discretionBand(range, general.item, 'severe')).toEqual({ minFen: 3_650_000, maxFen: 5_000_000 });
    expect(codeOf(500_000, 'lenient')).toBe('ok');
    expect(codeOf(1_850_000, 'lenient')).toBe('ok');
    expect(codeOf(1_850_001, 'lenient')).toBe('PENALTY_OUTSIDE_DISCRETION');
    expect(codeOf(3_650_000, 'severe')).toBe('ok');
    expect(codeOf(3_649_999, 'severe')).toBe('PENALTY_OUTSIDE_DISCRETION');
  });

  it('requires a level where a benchmark applies, names the bands in yuan, and records what it checked', () => {
    try {
      checkDiscretion(item, 1_000_000, range, general, undefined);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('PENALTY_DISCRETION_REQUIRED');
      expect((e as DomainError).details?.[0]?.field).toBe('discretionLevel');
      expect((e as DomainError).message).toContain('从轻 ¥5,000.00 至 ¥18,500.00');
    }
    expect(checkDiscretion(item, 4_000_000, range, general, 'severe')).toEqual({
      level: 'severe',
      minFen: 3_650_000,
      maxFen: 5_000_000,
      checklistVersion: 'market/2026.1',
      itemCode: 'DMKT-00',
      legalBasis: general.item.legalBasis,
    });
  });

  it('refuses a level where no benchmark applies, and accepts none', () => {
    expect(codeOf(1_000_000, 'lenient', null)).toBe('VALIDATION');
    expect(checkDiscretion(item, 1_000_000, range, undefined, undefined)).toBeNull();
  });

  it("takes the entry naming the item before the department's general one, and only the item's department", () => {
    expect(discretionEntryFor([general, forStorage], { code: 'PMKT-06' }, 'market')).toBe(forStorage);
    expect(discretionEntryFor([general, forStorage], { code: 'PMKT-01' }, 'market')).toBe(general);
    expect(discretionEntryFor([general, forStorage], { code: 'PFIRE-01' }, 'fire')).toBeUndefined();
  });

  it('refuses a benchmark whose levels leave a gap, overlap, come out of order or stop short of the maximum', () => {
    const withBands = (bands: unknown) => () =>
      loadChecklist({ ...MARKET_DISCRETION_2026, discretionItems: [{ ...MARKET_DISCRETION_2026.discretionItems![0], bands }] });
    const band = (level: string, fromPercent: number, toPercent: number) => ({ level, fromPercent, toPercent, circumstances: '情形' });
    const problems = (load: () => unknown) => {
      try {
        load();
        return [];
      } catch (e) {
        return (e as ChecklistError).problems.map((p) => p.field);
      }
    };
    expect(problems(withBands([band('lenient', 0, 30), band('ordinary', 40, 70), band('severe', 70, 100)]))).toEqual(['discretionItems.0.bands.1.fromPercent']);
    expect(problems(withBands([band('lenient', 0, 30), band('ordinary', 30, 70), band('severe', 70, 90)]))).toEqual(['discretionItems.0.bands.2.toPercent']);
    expect(problems(withBands([band('ordinary', 0, 30), band('lenient', 30, 70), band('severe', 70, 100)]))).toEqual(['discretionItems.0.bands']);
    expect(problems(withBands([band('lenient', 0, 30), band('ordinary', 30, 70)]))).toEqual(['discretionItems.0.bands']);
    expect(problems(() => loadChecklist({ ...MARKET_DISCRETION_2026, kind: 'penalty' }))).toContain('discretionItems');
  });
});
