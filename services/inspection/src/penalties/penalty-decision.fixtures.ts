import type { DomainError } from '@shanyu/common';
import type { PenaltyItem } from '@shanyu/contracts';
import { type ChecklistFile, loadChecklist } from '../checklists/checklist-schema.js';
import { checkPenalty, type PenaltyDecision } from './penalty-rules.js';

/** Test helpers for penalty decisions against the shipped lists. */
export const itemOf = (list: ChecklistFile, code: string): PenaltyItem => loadChecklist(list).penaltyItems.find((p) => p.code === code)!;

/** 'ok', or the code of the error the decision is refused with. */
export const codeOf = (item: PenaltyItem, findingItem: string, decision: PenaltyDecision): string => {
  try {
    checkPenalty(item, findingItem, decision);
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

export const fine = (fineFen: number, more: Omit<PenaltyDecision, 'kinds' | 'fineFen'> = {}): PenaltyDecision => ({ kinds: ['fine'], fineFen, ...more });
