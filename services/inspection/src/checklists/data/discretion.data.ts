import { NATIONAL_JURISDICTION } from '@shanyu/common';
import type { ChecklistFile } from '../checklist-schema.js';

/**
 * 行政处罚裁量基准 (kind `discretion`): how a department divides a fine's lawful range into
 * 从轻 / 一般 / 从重. A province, city or county publishes its own benchmark as a list of its
 * jurisdiction that replaces an entry from above (same code) or adds one for named items.
 */
const MARKET_GUIDANCE = '《关于规范市场监督管理行政处罚裁量权的指导意见》（国市监法规〔2022〕2号）';

export const MARKET_DISCRETION_2026: ChecklistFile = {
  kind: 'discretion',
  department: 'market',
  jurisdiction: NATIONAL_JURISDICTION,
  version: 'market/2026.1',
  effectiveFrom: '2026-12-08',
  title: '市场监督管理行政处罚裁量基准（托育机构适用，2026 年版）',
  source: MARKET_GUIDANCE,
  sources: [
    { title: '关于规范市场监督管理行政处罚裁量权的指导意见', documentNo: '国市监法规〔2022〕2号', article: '从轻、从重行政处罚的幅度（条款序号待核）' },
    { title: '中华人民共和国行政处罚法', article: '第三十二条、第三十四条' },
  ],
  inspectionItems: [],
  penaltyItems: [],
  discretionItems: [
    {
      code: 'DMKT-00',
      title: '罚款幅度的从轻、一般、从重',
      penaltyItems: [],
      bands: [
        {
          level: 'lenient',
          fromPercent: 0,
          toPercent: 30,
          circumstances: '有《行政处罚法》第三十二条所列从轻情形（主动消除或者减轻违法行为危害后果、受他人胁迫或者诱骗、主动供述、配合查处有立功表现等）',
        },
        { level: 'ordinary', fromPercent: 30, toPercent: 70, circumstances: '既无从轻也无从重情形' },
        {
          level: 'severe',
          fromPercent: 70,
          toPercent: 100,
          circumstances: '有从重情形（如危害婴幼儿身体健康、一年内再次实施同一违法行为、拒不配合或者阻碍检查、隐匿销毁证据等）',
        },
      ],
      legalBasis: `${MARKET_GUIDANCE}：从轻处罚的罚款在法定幅度较低的 30% 部分，从重处罚在较高的 30% 部分（比例与条款序号待核）`,
      note: '减轻处罚（法定最低限以下）和不予处罚依《行政处罚法》第三十二条、第三十三条另行决定，不属于本基准的档次',
    },
  ],
};
