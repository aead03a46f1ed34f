import { checkRuleDocument, DomainError, type FieldProblem, type RuleDocument } from '@shanyu/common';
import { TARGET_INDICATORS } from '@shanyu/contracts';

/**
 * The body of a development target (发展目标, family `target`): the indicator it is set for, the
 * value to reach (atLeast) or stay under (atMost), in the indicator's unit, and the year it is
 * to be reached by (null: a standing target). A target is a division's goal for its own
 * indicators: it judges no institution.
 */
export interface TargetRuleBody {
  indicator: string;
  value: number;
  direction: 'atLeast' | 'atMost';
  byYear: number | null;
}

export type TargetRuleDocument = RuleDocument<TargetRuleBody>;

const FIELDS = ['indicator', 'value', 'direction', 'byYear'];

export function checkTargetRuleBody(body: TargetRuleBody, at: string, problems: FieldProblem[]): void {
  const add = (field: string, message: string): void => void problems.push({ field, code: 'RULE_DOCUMENT_INVALID', message });
  if (!body || typeof body !== 'object' || Array.isArray(body)) return add(at, '规则内容应为 {indicator, value, direction, byYear}');
  for (const key of Object.keys(body)) if (!FIELDS.includes(key)) add(`${at}.${key}`, `未知的字段 ${key}（目标只有 ${FIELDS.join('、')}）`);
  const indicator = Object.hasOwn(TARGET_INDICATORS, body.indicator) ? TARGET_INDICATORS[body.indicator] : undefined;
  if (!indicator) add(`${at}.indicator`, `未知的指标 ${String(body.indicator)}（可设目标的指标：${Object.keys(TARGET_INDICATORS).join('、')}）`);
  if (typeof body.value !== 'number' || !Number.isFinite(body.value) || body.value < 0) add(`${at}.value`, '目标值应为非负数');
  else if (indicator?.unit === '%' && body.value > 100) add(`${at}.value`, '百分比目标不能超过 100');
  if (body.direction !== 'atLeast' && body.direction !== 'atMost') add(`${at}.direction`, '方向应为 atLeast（不低于）或 atMost（不高于）');
  if (body.byYear !== null && (!Number.isInteger(body.byYear) || body.byYear < 2000 || body.byYear > 2100))
    add(`${at}.byYear`, '目标年份应为 2000–2100 的整数，或 null（长期目标）');
}

/** The one check of a target document: the common envelope and each target. Throws RULE_DOCUMENT_INVALID. */
export function checkTargetDocument(doc: TargetRuleDocument): TargetRuleDocument {
  if (doc.family !== 'target') {
    throw new DomainError('RULE_DOCUMENT_INVALID', `不是发展目标文件（${String(doc.family)}）`, [
      { field: 'family', code: 'RULE_DOCUMENT_INVALID', message: '规则类别应为 target（发展目标）' },
    ]);
  }
  return checkRuleDocument(doc, checkTargetRuleBody);
}
