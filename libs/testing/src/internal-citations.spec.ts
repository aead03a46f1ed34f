import { describe, expect, it } from 'vitest';
import { findInternalCitations } from './internal-citations.js';

// The bad samples are put together from parts, so that the repository itself never holds a
// citation of a working paper or a source file (the citation scan reads this file too).
const paper = (name: string) => [name, 'md'].join('.');
const sourceFile = (n: string, joiner = ' ') => ['seed', n].join(joiner);

describe('findInternalCitations', () => {
  it('finds working papers and source files by name, and leaves real citations alone', () => {
    const text = [
      `依据：${paper('DOMAIN')} §7`,
      `见 ${sourceFile('000')} 第二条`,
      `import x from '../${['shared', 'seeds', '001'].join('/')}.md'`,
      '《托育机构设置标准（试行）》国卫人口发〔2019〕58号 第十一条',
      `预算 3,000 元（${sourceFile('004', '-')}）`,
      'GB/T 2260 代码 330106',
      `示范评定须为 A 或 B 级（${['004', '§五(五)'].join(' ')}）`,
      '国卫人口发〔2019〕058号 §3',
    ].join('\n');
    expect(findInternalCitations('x', text).map((f) => f.line)).toEqual([1, 2, 3, 5, 7]);
  });
});
