import type { ReceiptView } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { basisText } from './receipt-pdf.renderer.js';

const ref = (title: string, jurisdiction: string, level: ReceiptView['basis'][number]['level'], jurisdictionName: string, documentNo?: string) => ({
  documentKey: title,
  version: `${title}/1`,
  title,
  jurisdiction,
  jurisdictionName,
  level,
  effectiveFrom: '2019-10-08',
  effectiveTo: null,
  sources: [{ title, ...(documentNo ? { documentNo } : {}) }],
});
const receipt = (basis: ReceiptView['basis']) => ({ basis }) as ReceiptView;

describe('the receipt names the documents the filing was checked against', () => {
  it('national documents by title, a local one with its 文号, level and jurisdiction', () => {
    expect(
      basisText(
        receipt([
          ref('托育机构设置标准（试行）', '000000', 'national', '全国', '国卫人口发〔2019〕58号'),
          ref('WS/T 821-2023《托育机构质量评估标准》', '000000', 'national', '全国'),
          ref('杭州市西湖区人民政府办公室关于促进3岁以下婴幼儿照护服务发展的通知', '330106', 'county', '浙江省杭州市西湖区', '西政办函〔2021〕15号'),
        ]),
      ),
    ).toBe(
      '《托育机构设置标准（试行）》、WS/T 821-2023《托育机构质量评估标准》、《杭州市西湖区人民政府办公室关于促进3岁以下婴幼儿照护服务发展的通知》（西政办函〔2021〕15号，区县：浙江省杭州市西湖区）',
    );
  });

  it('a filing checked before rules by jurisdiction names the national standards', () => {
    expect(basisText(receipt([]))).toBe('《托育机构设置标准（试行）》《托育机构管理规范（试行）》及《托育机构登记和备案办法（试行）》');
  });
});
