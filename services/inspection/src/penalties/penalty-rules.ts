import { DomainError, formatFenCny } from '@shanyu/common';
import { PENALTY_KIND_LABELS, type PenaltyItem, type PenaltyKind } from '@shanyu/contracts';

/**
 * The penalty list's limits on a decision: the finding's item must be one the penalty item
 * covers, the kinds must be ones it allows, and a fine must lie in its legal range (in fen).
 */
export function checkPenalty(item: PenaltyItem, findingItemCode: string, kinds: PenaltyKind[], fineFen: number | undefined): void {
  if (!item.relatedItems.includes(findingItemCode)) {
    throw new DomainError(
      'PENALTY_ITEM_NOT_APPLICABLE',
      `处罚事项 ${item.code}（${item.violation}）不适用于检查事项 ${findingItemCode}；适用于 ${item.relatedItems.join('、')}`,
    );
  }
  const notAllowed = kinds.filter((k) => !item.kinds.includes(k));
  if (notAllowed.length) {
    throw new DomainError(
      'PENALTY_KIND_NOT_ALLOWED',
      `处罚事项 ${item.code} 不包括 ${notAllowed.map((k) => PENALTY_KIND_LABELS[k]).join('、')}；可选：${item.kinds.map((k) => PENALTY_KIND_LABELS[k]).join('、')}`,
      [{ field: 'kinds', code: 'PENALTY_KIND_NOT_ALLOWED', message: `可选：${item.kinds.join(', ')}` }],
    );
  }
  if (!kinds.includes('fine')) {
    if (fineFen !== undefined) throw DomainError.validation([{ field: 'fineFen', code: 'notAllowed', message: '未选择罚款时不能填写罚款金额' }]);
    return;
  }
  if (fineFen === undefined)
    throw new DomainError('PENALTY_FINE_REQUIRED', `选择罚款时必须填写罚款金额（法定幅度 ${rangeText(item)}）`, [
      { field: 'fineFen', code: 'PENALTY_FINE_REQUIRED', message: '必填' },
    ]);
  const min = Math.max(item.fineMinFen ?? 0, 1);
  const max = item.fineMaxFen ?? 0;
  if (fineFen < min || fineFen > max) {
    throw new DomainError('PENALTY_OUT_OF_RANGE', `罚款 ${formatFenCny(fineFen)} 超出 ${item.code} 的法定幅度 ${rangeText(item)}（${item.legalBasis}）`, [
      { field: 'fineFen', code: 'PENALTY_OUT_OF_RANGE', message: `法定幅度 ${item.fineMinFen}–${item.fineMaxFen} 分（${rangeText(item)}）` },
    ]);
  }
}

export function rangeText(item: PenaltyItem): string {
  return item.fineMinFen ? `${formatFenCny(item.fineMinFen)} 至 ${formatFenCny(item.fineMaxFen ?? 0)}` : `${formatFenCny(item.fineMaxFen ?? 0)} 以下`;
}
