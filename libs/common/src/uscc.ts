/**
 * 统一社会信用代码 — the 18-character unified social credit code of legal persons and other
 * organisations, GB 32100-2015《法人和其他组织统一社会信用代码编码规则》.
 *
 * Structure (GB 32100-2015 §4):
 *   position 1       登记管理部门码 registration-authority code
 *   position 2       机构类别码 institution-type code (valid values depend on position 1)
 *   positions 3–8    登记管理机关行政区划码 (GB/T 2260 division code, 6 digits)
 *   positions 9–17   主体标识码 (组织机构代码, GB 11714)
 *   position 18      校验码 check character (GB 32100-2015 §5, GB/T 17710 style, modulus 31)
 *
 * Not checked: that the division code exists in GB/T 2260 (codes of abolished divisions stay
 * valid in old USCCs for life), and the GB 11714 check character inside positions 9–17
 * (codes of individual businesses, 92…, often do not carry a GB 11714 one).
 */
import { validationFailure as fail, type ValidationResult } from './validation-result.js';

/**
 * The 31 characters a USCC may use, in value order 0…30: digits and the upper-case letters
 * without I, O, Z, S, V (GB 32100-2015 §4.1 and 表 2 代码字符集).
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Weights for positions 1–17: W_i = 3^(i-1) mod 31 (GB 32100-2015 §5 校验码计算公式 and 表 3).
 */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * 登记管理部门码 → 机构类别码 → meaning. GB 32100-2015 表 1 defines 1 机构编制, 5 民政,
 * 9 工商 and Y 其他; the other departments (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教, 8 工会,
 * A 中央军委改革和编制办公室, N 农业) were added to the code table later by the national
 * 统一社会信用代码 administration and appear in codes issued since.
 */
export const USCC_AUTHORITIES: Readonly<Record<string, { name: string; types: Readonly<Record<string, string>> }>> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他（不再细分机构类别）' } },
};

export const USCC_ERROR_CODES = {
  FORMAT: 'USCC_FORMAT',
  CHARSET: 'USCC_CHARSET',
  REGISTRATION_AUTHORITY: 'USCC_REGISTRATION_AUTHORITY',
  INSTITUTION_TYPE: 'USCC_INSTITUTION_TYPE',
  DIVISION: 'USCC_DIVISION',
  CHECK_CHARACTER: 'USCC_CHECK_CHARACTER',
} as const;

const USCC_LENGTH = 18;

function charsetProblem(value: string): { position: number; char: string } | undefined {
  for (let i = 0; i < value.length; i++) {
    if (!USCC_ALPHABET.includes(value[i]!)) return { position: i + 1, char: value[i]! };
  }
  return undefined;
}

/**
 * The check character for the first 17 characters: C18 = 31 − (Σ Ci·Wi mod 31), with 31 → 0
 * (GB 32100-2015 §5). Throws on input that is not 17 characters of the USCC alphabet.
 */
export function usccCheckCharacter(first17: string): string {
  if (typeof first17 !== 'string' || first17.length !== USCC_LENGTH - 1) {
    throw new RangeError(`usccCheckCharacter needs the first 17 characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`usccCheckCharacter: character ${JSON.stringify(first17[i])} at position ${i + 1} is not in the GB 32100 alphabet`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c]!;
}

/** Trims surrounding white space and upper-cases, for input typed by people. */
export function normalizeUscc(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * Checks a USCC exactly as given (no trimming or case folding: use `normalizeUscc` first for
 * typed input). On success `value` is the code.
 */
export function validateUscc(value: string): ValidationResult {
  if (typeof value !== 'string' || value.length !== USCC_LENGTH) {
    const len = typeof value === 'string' ? `${value.length} 位` : '不是文本';
    return fail(USCC_ERROR_CODES.FORMAT, `统一社会信用代码应为 18 位（当前${len}）`);
  }
  // GB 32100-2015 §4.1: digits and upper-case letters except I, O, Z, S, V.
  const bad = charsetProblem(value);
  if (bad) {
    return fail(
      USCC_ERROR_CODES.CHARSET,
      `统一社会信用代码第 ${bad.position} 位“${bad.char}”不是有效字符（只能使用数字和除 I、O、Z、S、V 以外的大写英文字母）`,
    );
  }
  // GB 32100-2015 §4.2 表 1: 登记管理部门码.
  const authority = USCC_AUTHORITIES[value[0]!];
  if (!authority) {
    return fail(USCC_ERROR_CODES.REGISTRATION_AUTHORITY, `统一社会信用代码第 1 位登记管理部门码“${value[0]}”不存在`);
  }
  // GB 32100-2015 §4.3 表 1: 机构类别码 valid for that authority.
  if (!authority.types[value[1]!]) {
    return fail(
      USCC_ERROR_CODES.INSTITUTION_TYPE,
      `统一社会信用代码第 2 位机构类别码“${value[1]}”不适用于登记管理部门“${authority.name}”（可用：${Object.keys(authority.types).join('、')}）`,
    );
  }
  // GB 32100-2015 §4.4: positions 3–8 are the GB/T 2260 division code of the registering office.
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return fail(USCC_ERROR_CODES.DIVISION, `统一社会信用代码第 3–8 位应为 6 位数字的行政区划码（当前“${value.slice(2, 8)}”）`);
  }
  // GB 32100-2015 §5: check character.
  const expected = usccCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return fail(USCC_ERROR_CODES.CHECK_CHARACTER, `统一社会信用代码校验码有误：第 18 位应为“${expected}”，实际为“${value[17]}”，请核对是否录入错误`);
  }
  return { ok: true, value };
}

export function isValidUscc(value: string): boolean {
  return validateUscc(value).ok;
}

/**
 * Builds a valid USCC from its first 17 characters by appending the check character (for
 * test factories and demo data). Throws if the result would still be invalid (for instance a
 * registration-authority / institution-type combination GB 32100 does not define).
 */
export function makeUscc(prefix17: string): string {
  const code = prefix17 + usccCheckCharacter(prefix17);
  const result = validateUscc(code);
  if (!result.ok) throw new RangeError(`makeUscc(${JSON.stringify(prefix17)}): ${result.code} ${result.message}`);
  return code;
}
