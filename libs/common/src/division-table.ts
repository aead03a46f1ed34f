/**
 * Division codes as data: the part of the national tables this platform needs for its pilot
 * areas and demo data (Hangzhou and its districts, 瑞安, 环翠, 万州, Guangzhou, Xiamen, Wuxi,
 * Ordos: the places whose childcare policies and figures the rules and indicators cite).
 *
 * - Province, city and county level: GB/T 2260《中华人民共和国行政区划代码》, 6 digits — the
 *   first two the province, the next two the prefecture-level city, the last two the county
 *   (民政部 县级以上行政区划代码, current edition).
 * - Street / township level: GB/T 10114《县级以下行政区划代码编制规则》, 9 digits = the county
 *   code + 3 digits (001–099 街道, 1xx 镇, 2xx 乡), as published by 民政部 (全国行政区划信息查询平台)
 *   and the 国家统计局 统计用区划代码.
 *
 * Add rows here (with their parent) to cover more places; `divisions.spec.ts` checks that
 * every row is well formed and that every parent exists.
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'street';

export interface DivisionRow {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Code of the enclosing division in this table; null for a province. */
  parent: string | null;
}

export const DIVISION_TABLE_SOURCE =
  'GB/T 2260 中华人民共和国行政区划代码（民政部 县级以上行政区划代码）; GB/T 10114 县级以下行政区划代码编制规则（民政部 区划代码，乡级）';

export const DIVISION_TABLE: readonly DivisionRow[] = [
  // 浙江省 Zhejiang
  { code: '330000', name: '浙江省', level: 'province', parent: null },
  { code: '330100', name: '杭州市', level: 'city', parent: '330000' },
  { code: '330102', name: '上城区', level: 'county', parent: '330100' },
  { code: '330105', name: '拱墅区', level: 'county', parent: '330100' },
  { code: '330106', name: '西湖区', level: 'county', parent: '330100' },
  { code: '330108', name: '滨江区', level: 'county', parent: '330100' },
  { code: '330109', name: '萧山区', level: 'county', parent: '330100' },
  { code: '330110', name: '余杭区', level: 'county', parent: '330100' },
  { code: '330111', name: '富阳区', level: 'county', parent: '330100' },
  { code: '330112', name: '临安区', level: 'county', parent: '330100' },
  { code: '330113', name: '临平区', level: 'county', parent: '330100' },
  { code: '330114', name: '钱塘区', level: 'county', parent: '330100' },
  { code: '330122', name: '桐庐县', level: 'county', parent: '330100' },
  { code: '330127', name: '淳安县', level: 'county', parent: '330100' },
  { code: '330182', name: '建德市', level: 'county', parent: '330100' },
  // 西湖区 streets and towns (GB/T 10114)
  { code: '330106001', name: '北山街道', level: 'street', parent: '330106' },
  { code: '330106002', name: '西溪街道', level: 'street', parent: '330106' },
  { code: '330106004', name: '翠苑街道', level: 'street', parent: '330106' },
  { code: '330106005', name: '古荡街道', level: 'street', parent: '330106' },
  { code: '330106008', name: '西湖街道', level: 'street', parent: '330106' },
  { code: '330106011', name: '留下街道', level: 'street', parent: '330106' },
  { code: '330106012', name: '转塘街道', level: 'street', parent: '330106' },
  { code: '330106013', name: '蒋村街道', level: 'street', parent: '330106' },
  { code: '330106014', name: '灵隐街道', level: 'street', parent: '330106' },
  { code: '330106015', name: '文新街道', level: 'street', parent: '330106' },
  { code: '330106109', name: '三墩镇', level: 'street', parent: '330106' },
  { code: '330106110', name: '双浦镇', level: 'street', parent: '330106' },
  { code: '330300', name: '温州市', level: 'city', parent: '330000' },
  { code: '330302', name: '鹿城区', level: 'county', parent: '330300' },
  { code: '330303', name: '龙湾区', level: 'county', parent: '330300' },
  { code: '330304', name: '瓯海区', level: 'county', parent: '330300' },
  { code: '330305', name: '洞头区', level: 'county', parent: '330300' },
  { code: '330324', name: '永嘉县', level: 'county', parent: '330300' },
  { code: '330326', name: '平阳县', level: 'county', parent: '330300' },
  { code: '330327', name: '苍南县', level: 'county', parent: '330300' },
  { code: '330328', name: '文成县', level: 'county', parent: '330300' },
  { code: '330329', name: '泰顺县', level: 'county', parent: '330300' },
  { code: '330381', name: '瑞安市', level: 'county', parent: '330300' },
  { code: '330382', name: '乐清市', level: 'county', parent: '330300' },
  { code: '330383', name: '龙港市', level: 'county', parent: '330300' },

  // 山东省 Shandong — 威海市 环翠区
  { code: '370000', name: '山东省', level: 'province', parent: null },
  { code: '371000', name: '威海市', level: 'city', parent: '370000' },
  { code: '371002', name: '环翠区', level: 'county', parent: '371000' },
  { code: '371003', name: '文登区', level: 'county', parent: '371000' },
  { code: '371082', name: '荣成市', level: 'county', parent: '371000' },
  { code: '371083', name: '乳山市', level: 'county', parent: '371000' },
  { code: '371002001', name: '环翠楼街道', level: 'street', parent: '371002' },
  { code: '371002002', name: '鲸园街道', level: 'street', parent: '371002' },
  { code: '371002003', name: '竹岛街道', level: 'street', parent: '371002' },

  // 重庆市 Chongqing — a municipality: its districts (5001xx, GB/T 2260 "市辖区") sit directly
  // under the province-level code here, without the 500100 placeholder row.
  { code: '500000', name: '重庆市', level: 'province', parent: null },
  { code: '500101', name: '万州区', level: 'county', parent: '500000' },

  // 广东省 Guangdong — 广州市
  { code: '440000', name: '广东省', level: 'province', parent: null },
  { code: '440100', name: '广州市', level: 'city', parent: '440000' },
  { code: '440103', name: '荔湾区', level: 'county', parent: '440100' },
  { code: '440104', name: '越秀区', level: 'county', parent: '440100' },
  { code: '440105', name: '海珠区', level: 'county', parent: '440100' },
  { code: '440106', name: '天河区', level: 'county', parent: '440100' },
  { code: '440111', name: '白云区', level: 'county', parent: '440100' },
  { code: '440112', name: '黄埔区', level: 'county', parent: '440100' },
  { code: '440113', name: '番禺区', level: 'county', parent: '440100' },
  { code: '440114', name: '花都区', level: 'county', parent: '440100' },
  { code: '440115', name: '南沙区', level: 'county', parent: '440100' },
  { code: '440117', name: '从化区', level: 'county', parent: '440100' },
  { code: '440118', name: '增城区', level: 'county', parent: '440100' },

  // 福建省 Fujian — 厦门市
  { code: '350000', name: '福建省', level: 'province', parent: null },
  { code: '350200', name: '厦门市', level: 'city', parent: '350000' },
  { code: '350203', name: '思明区', level: 'county', parent: '350200' },
  { code: '350205', name: '海沧区', level: 'county', parent: '350200' },
  { code: '350206', name: '湖里区', level: 'county', parent: '350200' },
  { code: '350211', name: '集美区', level: 'county', parent: '350200' },
  { code: '350212', name: '同安区', level: 'county', parent: '350200' },
  { code: '350213', name: '翔安区', level: 'county', parent: '350200' },
  // 思明区 streets (GB/T 10114)
  { code: '350203001', name: '厦港街道', level: 'street', parent: '350203' },
  { code: '350203006', name: '鹭江街道', level: 'street', parent: '350203' },

  // 江苏省 Jiangsu — 无锡市
  { code: '320000', name: '江苏省', level: 'province', parent: null },
  { code: '320200', name: '无锡市', level: 'city', parent: '320000' },
  { code: '320205', name: '锡山区', level: 'county', parent: '320200' },
  { code: '320206', name: '惠山区', level: 'county', parent: '320200' },
  { code: '320211', name: '滨湖区', level: 'county', parent: '320200' },
  { code: '320213', name: '梁溪区', level: 'county', parent: '320200' },
  { code: '320214', name: '新吴区', level: 'county', parent: '320200' },
  { code: '320281', name: '江阴市', level: 'county', parent: '320200' },
  { code: '320282', name: '宜兴市', level: 'county', parent: '320200' },

  // 内蒙古自治区 Inner Mongolia — 鄂尔多斯市
  { code: '150000', name: '内蒙古自治区', level: 'province', parent: null },
  { code: '150600', name: '鄂尔多斯市', level: 'city', parent: '150000' },
  { code: '150602', name: '东胜区', level: 'county', parent: '150600' },
  { code: '150603', name: '康巴什区', level: 'county', parent: '150600' },
  { code: '150621', name: '达拉特旗', level: 'county', parent: '150600' },
  { code: '150622', name: '准格尔旗', level: 'county', parent: '150600' },
  { code: '150623', name: '鄂托克前旗', level: 'county', parent: '150600' },
  { code: '150624', name: '鄂托克旗', level: 'county', parent: '150600' },
  { code: '150625', name: '杭锦旗', level: 'county', parent: '150600' },
  { code: '150626', name: '乌审旗', level: 'county', parent: '150600' },
  { code: '150627', name: '伊金霍洛旗', level: 'county', parent: '150600' },
];
