import { DomainError } from '@shanyu/common';
import { PENALTY_KIND_LABELS, type PenaltyCircumstance, type PenaltyItem, type PenaltyKind } from '@shanyu/contracts';
import { checkFine, describeFine, type FineRange, fineRuleOf } from './fine-rules.js';

/** What a decision states: kinds, the fine, the basis it is counted from, the circumstances found. */
export interface PenaltyDecision {
  kinds: PenaltyKind[];
  fineFen?: number;
  basisAmountFen?: number;
  circumstances?: PenaltyCircumstance[];
}

/**
 * The penalty list's limits on a decision: the finding's item must be one the penalty item
 * covers, the kinds must be ones it allows, and a fine must lie in the range the law gives for
 * the basis amount and circumstances stated (in fen). Returns that range (null without a fine).
 */
export function checkPenalty(item: PenaltyItem, findingItemCode: string, decision: PenaltyDecision): FineRange | null {
  const { kinds, fineFen } = decision;
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
    return null;
  }
  if (fineFen === undefined)
    throw new DomainError('PENALTY_FINE_REQUIRED', `选择罚款时必须填写罚款金额（法定幅度：${describeFine(fineRuleOf(item)!)}）`, [
      { field: 'fineFen', code: 'PENALTY_FINE_REQUIRED', message: '必填' },
    ]);
  return checkFine(item, fineFen, decision.basisAmountFen, decision.circumstances ?? []);
}
