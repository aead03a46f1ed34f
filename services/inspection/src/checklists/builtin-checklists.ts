import { checkCatalog, type ChecklistData, loadChecklist } from './checklist-schema.js';
import { FIRE_INSPECTION_2026, FIRE_PENALTY_2026 } from './data/fire.data.js';
import { HEALTH_INSPECTION_2026, HEALTH_PENALTY_2026 } from './data/health.data.js';
import { MARKET_INSPECTION_2026, MARKET_PENALTY_2026 } from './data/market.data.js';
import {
  EDUCATION_INSPECTION_2026,
  EDUCATION_PENALTY_2026,
  HRSS_INSPECTION_2026,
  HRSS_PENALTY_2026,
  POLICE_INSPECTION_2026,
  POLICE_PENALTY_2026,
  STREET_INSPECTION_2026,
} from './data/others.data.js';

/** The lists shipped with the platform (seeded into the catalog at start; later versions are published through the API). */
export const BUILT_IN_CHECKLISTS: ChecklistData[] = [
  FIRE_INSPECTION_2026,
  MARKET_INSPECTION_2026,
  HEALTH_INSPECTION_2026,
  POLICE_INSPECTION_2026,
  HRSS_INSPECTION_2026,
  EDUCATION_INSPECTION_2026,
  STREET_INSPECTION_2026,
  FIRE_PENALTY_2026,
  MARKET_PENALTY_2026,
  HEALTH_PENALTY_2026,
  POLICE_PENALTY_2026,
  HRSS_PENALTY_2026,
  EDUCATION_PENALTY_2026,
];

/** Loads and checks every built-in list: a list that does not match its schema stops the service. */
export function loadBuiltInChecklists(lists: unknown[] = BUILT_IN_CHECKLISTS): ChecklistData[] {
  const loaded = lists.map(loadChecklist);
  checkCatalog(loaded);
  return loaded;
}
