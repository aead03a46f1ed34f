import { Type as t } from '@sinclair/typebox';
import { CARE_FORMS, CLASS_TYPES } from '../registry/institution.contracts.js';

// Pieces of the subsidy replies and events, spread into the schemas that carry them.

export const Uuid = t.String({ format: 'uuid' });
export const Month = t.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

/** An integer for each of `keys`. */
export const countsOf = <K extends string>(keys: readonly K[]) =>
  t.Object(Object.fromEntries(keys.map((k) => [k, t.Integer()])) as Record<K, ReturnType<typeof t.Integer>>);

/** The figures of one roster version: its month, the days open and the children it counts. */
export const rosterFigures = {
  month: Month,
  version: t.Integer(),
  openDays: t.Integer(),
  totalChildren: t.Integer(),
  byClass: countsOf(CLASS_TYPES),
  byCareForm: countsOf(CARE_FORMS),
};
