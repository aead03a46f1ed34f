import { DomainError, formatFenCny } from '@shanyu/common';
import { DISCRETION_LEVEL_LABELS, type DiscretionItem, type DiscretionLevel, type PenaltyItem, type PenaltyView } from '@shanyu/contracts';
import type { EffectiveChecklistItem } from '../checklists/checklist-rules.js';
import type { FineRange } from './fine-rules.js';

/** The 裁量基准 band a decision's fine was checked against. */
export type DiscretionApplied = NonNullable<PenaltyView['discretion']>;

/**
 * The 裁量基准 entry that governs a penalty item among the entries in force: the one naming the
 * item, else the department's general entry (naming no item).
 */
export function discretionEntryFor(
  entries: readonly EffectiveChecklistItem<DiscretionItem>[],
  item: Pick<PenaltyItem, 'code'>,
  department: string,
): EffectiveChecklistItem<DiscretionItem> | undefined {
  const own = entries.filter((e) => e.department === department);
  return own.find((e) => e.item.penaltyItems.includes(item.code)) ?? own.find((e) => e.item.penaltyItems.length === 0);
}

/** The amounts a level allows: its share of the lawful range above the minimum, whole fen inside the share. */
export function discretionBand(range: FineRange, entry: DiscretionItem, level: DiscretionLevel): { minFen: number; maxFen: number } {
  const band = entry.bands.find((b) => b.level === level)!;
  const span = range.maxFen - range.minFen;
  return { minFen: range.minFen + Math.ceil((span * band.fromPercent) / 100), maxFen: range.minFen + Math.floor((span * band.toPercent) / 100) };
}

const describeBands = (range: FineRange, entry: DiscretionItem) =>
  entry.bands
    .map((b) => {
      const { minFen, maxFen } = discretionBand(range, entry, b.level);
      return `${DISCRETION_LEVEL_LABELS[b.level]} ${formatFenCny(minFen)} 至 ${formatFenCny(maxFen)}`;
    })
    .join('；');

/**
 * Checks a fine against the 裁量基准 in force for its item, if any: the decision states its level
 * (从轻/一般/从重) and the fine lies in that level's share of the lawful range. Without a
 * benchmark for the item a level is refused rather than kept unchecked.
 */
export function checkDiscretion(
  item: PenaltyItem,
  fineFen: number,
  range: FineRange,
  entry: EffectiveChecklistItem<DiscretionItem> | undefined,
  level: DiscretionLevel | undefined,
): DiscretionApplied | null {
  if (!entry) {
    if (level === undefined) return null;
    throw DomainError.validation([
      { field: 'discretionLevel', code: 'PENALTY_DISCRETION_NOT_APPLICABLE', message: `处罚事项 ${item.code} 在此没有适用的行政处罚裁量基准，不填写裁量档次` },
    ]);
  }
  const benchmark = `${entry.item.title}（${entry.item.legalBasis}）`;
  if (level === undefined) {
    throw new DomainError('PENALTY_DISCRETION_REQUIRED', `处罚事项 ${item.code} 适用${benchmark}：请选择裁量档次（${describeBands(range, entry.item)}）`, [
      { field: 'discretionLevel', code: 'PENALTY_DISCRETION_REQUIRED', message: `从轻、一般或从重（${describeBands(range, entry.item)}）` },
    ]);
  }
  const band = discretionBand(range, entry.item, level);
  if (fineFen < Math.max(band.minFen, 1) || fineFen > band.maxFen) {
    const label = DISCRETION_LEVEL_LABELS[level];
    throw new DomainError(
      'PENALTY_OUTSIDE_DISCRETION',
      `罚款 ${formatFenCny(fineFen)} 不在${label}处罚的幅度 ${formatFenCny(band.minFen)} 至 ${formatFenCny(band.maxFen)} 内（${benchmark}：${describeBands(range, entry.item)}）`,
      [{ field: 'fineFen', code: 'PENALTY_OUTSIDE_DISCRETION', message: `${label}：${band.minFen}–${band.maxFen} 分` }],
    );
  }
  return { level, ...band, checklistVersion: entry.checklistVersion, itemCode: entry.item.code, legalBasis: entry.item.legalBasis };
}

/** A 裁量 level belongs to a fine: without one there is nothing to place in a band. */
export function noDiscretionWithoutFine(level: DiscretionLevel | undefined): null {
  if (level !== undefined) throw DomainError.validation([{ field: 'discretionLevel', code: 'notAllowed', message: '未选择罚款时不填写裁量档次' }]);
  return null;
}
