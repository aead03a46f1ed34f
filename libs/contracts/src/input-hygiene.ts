import type { FieldProblem } from '@shanyu/common';

/** Deeper JSON than this is refused: no contract nests anywhere near it, and deep input exhausts the stack. */
export const MAX_INPUT_DEPTH = 32;

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/;
/**
 * Keys naming Object.prototype members (`__proto__`, `constructor`, `toString`, …): class-transformer
 * silently drops them (so "unknown fields are refused" would not hold) and they are what prototype
 * pollution tries. No contract has such a field.
 */
const RESERVED_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Problems no contract class can express, found before class-transformer and class-validator
 * run: text that PostgreSQL cannot store (NUL characters, malformed UTF-16 such as a lone
 * surrogate) and nesting deeper than MAX_INPUT_DEPTH (which would overflow the stack while the
 * body is transformed). Each names the field; at most `limit` are reported.
 */
export function inputHygieneProblems(value: unknown, limit = 20): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (v: unknown, path: string, depth: number): void => {
    if (problems.length >= limit) return;
    if (typeof v === 'string') {
      if (NUL.test(v)) problems.push({ field: path || '(body)', code: 'noNulCharacter', message: '不能包含空字符 (U+0000)' });
      else if (LONE_SURROGATE.test(v)) problems.push({ field: path || '(body)', code: 'wellFormedText', message: '包含无效的 Unicode 字符' });
      return;
    }
    if (v === null || typeof v !== 'object') return;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field: path || '(body)', code: 'maxDepth', message: `嵌套层级不能超过 ${MAX_INPUT_DEPTH} 层` });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, path ? `${path}.${i}` : String(i), depth + 1));
      return;
    }
    for (const [key, item] of Object.entries(v)) {
      const field = path ? `${path}.${key}` : key;
      if (NUL.test(key) || LONE_SURROGATE.test(key)) {
        problems.push({
          field: field
            .replace(/[\ud800-\udfff]/g, '?')
            .split('\u0000')
            .join('?'),
          code: 'invalidFieldName',
          message: '字段名包含无效字符',
        });
        continue;
      }
      if (RESERVED_KEYS.has(key)) {
        problems.push({ field, code: 'whitelistValidation', message: '不允许的字段' });
        continue;
      }
      visit(item, field, depth + 1);
    }
  };
  visit(value, '', 0);
  return problems;
}
