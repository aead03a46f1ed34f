import { checkChecklistDocument } from './checklist-rules.js';
import { checkCatalog, type ChecklistData, type ChecklistFile, checkPlacement, loadChecklist } from './checklist-schema.js';
import { MARKET_DISCRETION_2026 } from './data/discretion.data.js';
import { CIVIL_INSPECTION_2026, CIVIL_INSPECTION_2026_2, CIVIL_PENALTY_2026, CIVIL_PENALTY_2026_2 } from './data/civil.data.js';
import {
  FIRE_INSPECTION_2026,
  FIRE_INSPECTION_2026_2,
  FIRE_INSPECTION_2026_3,
  FIRE_PENALTY_2026,
  FIRE_PENALTY_2026_2,
  FIRE_PENALTY_2026_3,
} from './data/fire.data.js';
import { HEALTH_INSPECTION_2026, HEALTH_INSPECTION_2026_3, HEALTH_PENALTY_2026, HEALTH_PENALTY_2026_2, HEALTH_PENALTY_2026_3 } from './data/health.data.js';
import {
  HANGZHOU_MARKET_INSPECTION_2026,
  MARKET_INSPECTION_2026,
  MARKET_INSPECTION_2026_3,
  MARKET_PENALTY_2026,
  MARKET_PENALTY_2026_2,
  MARKET_PENALTY_2026_3,
} from './data/market.data.js';
import {
  EDUCATION_INSPECTION_2026,
  EDUCATION_INSPECTION_2026_2,
  EDUCATION_PENALTY_2026,
  EDUCATION_PENALTY_2026_2,
  EDUCATION_PENALTY_2026_3,
  HRSS_INSPECTION_2026,
  HRSS_INSPECTION_2026_2,
  HRSS_INSPECTION_2026_3,
  HRSS_PENALTY_2026,
  HRSS_PENALTY_2026_2,
  HRSS_PENALTY_2026_3,
  HRSS_PENALTY_2026_4,
  POLICE_INSPECTION_2026,
  POLICE_INSPECTION_2026_2,
  POLICE_PENALTY_2026,
  POLICE_PENALTY_2026_2,
  POLICE_PENALTY_2026_3,
  XIHU_EDUCATION_INSPECTION_2026,
  XIHU_HRSS_INSPECTION_2026,
  XIHU_POLICE_INSPECTION_2026,
} from './data/others.data.js';
import { HANGZHOU_STREET_INSPECTION_2026, HUANCUI_STREET_INSPECTION_2026, STREET_INSPECTION_2026, XIHU_STREET_INSPECTION_2026 } from './data/street.data.js';

/**
 * The lists shipped with the platform (seeded into the catalog at start; later versions are
 * published through the API). Each sits at the level its legal basis belongs to: items resting on
 * national laws, regulations and standards are on the national lists; items resting on a city's
 * or district's own rules are on that city's or district's list and apply only there.
 */
export const BUILT_IN_CHECKLISTS: ChecklistFile[] = [
  FIRE_INSPECTION_2026,
  MARKET_INSPECTION_2026,
  HEALTH_INSPECTION_2026,
  POLICE_INSPECTION_2026,
  HRSS_INSPECTION_2026,
  HRSS_INSPECTION_2026_2,
  EDUCATION_INSPECTION_2026,
  STREET_INSPECTION_2026,
  HANGZHOU_MARKET_INSPECTION_2026,
  HANGZHOU_STREET_INSPECTION_2026,
  XIHU_POLICE_INSPECTION_2026,
  XIHU_HRSS_INSPECTION_2026,
  XIHU_EDUCATION_INSPECTION_2026,
  XIHU_STREET_INSPECTION_2026,
  HUANCUI_STREET_INSPECTION_2026,
  FIRE_PENALTY_2026,
  MARKET_PENALTY_2026,
  HEALTH_PENALTY_2026,
  POLICE_PENALTY_2026,
  HRSS_PENALTY_2026,
  EDUCATION_PENALTY_2026,
  // Civil affairs' lists; corrected fines and articles (in force from 2026-12-01).
  CIVIL_INSPECTION_2026,
  CIVIL_PENALTY_2026,
  MARKET_PENALTY_2026_2,
  HEALTH_PENALTY_2026_2,
  POLICE_PENALTY_2026_2,
  HRSS_PENALTY_2026_2,
  HRSS_PENALTY_2026_3,
  EDUCATION_PENALTY_2026_2,
  // Fire: 消防验收 / 投入使用、营业前消防安全检查 (消防法第十三条、第十五条、第五十八条), in force from 2026-12-01.
  FIRE_INSPECTION_2026_2,
  FIRE_PENALTY_2026_2,
  // 行政处罚裁量基准 (from 2026-12-08).
  MARKET_DISCRETION_2026,
  // Fire: 消防法第六十一条、第六十五条至第六十七条 and 高层 第四十七条 beside 第五十八条、第六十条 (from 2026-12-08).
  FIRE_INSPECTION_2026_3,
  FIRE_PENALTY_2026_3,
  // Market: 食品安全法 第一百二十二条至第一百二十六条 by 项, 价格欺诈, 广告 and 商业宣传, 退费, 市场主体登记 (from 2026-12-08).
  MARKET_INSPECTION_2026_3,
  MARKET_PENALTY_2026_3,
  // Police (421号令 by duty, 保安服务管理条例), education (学前教育法), civil affairs (from 2026-12-08);
  // hrss (劳动合同法, 劳动保障监察条例, 农民工工资) from 2026-12-09, the day after its version of 12-08.
  POLICE_INSPECTION_2026_2,
  POLICE_PENALTY_2026_3,
  EDUCATION_INSPECTION_2026_2,
  EDUCATION_PENALTY_2026_3,
  CIVIL_INSPECTION_2026_2,
  CIVIL_PENALTY_2026_2,
  HRSS_INSPECTION_2026_3,
  HRSS_PENALTY_2026_4,
  // Health: 虐待体罚 and monitoring, 定期健康检查, 两案九制; 人口与计划生育法 第四十一条 and more (from 2026-12-08).
  HEALTH_INSPECTION_2026_3,
  HEALTH_PENALTY_2026_3,
];

/**
 * Loads and checks every built-in list — its shape, the one rule-document check, the catalog and
 * each local list against the lists above it: a list that does not match stops the service.
 */
export function loadBuiltInChecklists(lists: unknown[] = BUILT_IN_CHECKLISTS): ChecklistData[] {
  const loaded = lists.map(loadChecklist);
  loaded.forEach(checkChecklistDocument);
  checkCatalog(loaded);
  for (const list of loaded) checkPlacement(list, loaded);
  return loaded;
}
