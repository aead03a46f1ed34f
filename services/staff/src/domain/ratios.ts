import { CLASS_TYPE_LABELS, CLASS_TYPES, type ClassType, type RatioView } from '@shanyu/contracts';
import { ratioOf, type StaffRules } from '../rules/staff-rules.js';

export interface Enrolment {
  children: number;
  source: 'roster' | 'registered_places';
}

/**
 * Carer-to-child ratio per class type (国卫人口发〔2019〕58号: 乳儿班 1:3, 托小班 1:5, 托大班 1:7):
 * the carers needed are ceil(children / children per carer); fewer carers is a breach. Class
 * types with neither children nor carers are left out. A family childcare point (家庭托育点) is judged by
 * its own ratio where that is stricter.
 */
export function computeRatios(
  rules: StaffRules,
  enrolment: Partial<Record<ClassType, Enrolment>>,
  carers: Partial<Record<ClassType, number>>,
  operatorType: string | null = null,
): RatioView[] {
  const out: RatioView[] = [];
  for (const classType of CLASS_TYPES) {
    const e = enrolment[classType];
    const children = e?.children ?? 0;
    const assigned = carers[classType] ?? 0;
    if (children === 0 && assigned === 0) continue;
    const { childrenPerCarer, source } = ratioOf(rules, classType, operatorType);
    const requiredCarers = Math.ceil(children / childrenPerCarer);
    out.push({
      classType,
      label: CLASS_TYPE_LABELS[classType],
      children,
      enrolmentSource: e?.source ?? 'registered_places',
      carers: assigned,
      childrenPerCarer,
      requiredCarers,
      breached: assigned < requiredCarers,
      source,
    });
  }
  return out;
}
