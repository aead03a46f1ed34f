// `npm run admin -- divisions check`: the division table is code (libs/common/src/division-table.ts),
// so the CLI checks a CSV against it and prints the rows to paste in; it connects to nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HELP, runAdmin } from './cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'shanyu-divisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Nothing listens on port 1: a command that tried to connect would fail. */
const env = { DATABASE_URL: 'postgres://shanyu:x@127.0.0.1:1/shanyu', NATS_URL: 'nats://127.0.0.1:1', SHANYU_MODE: 'test' };

async function admin(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdmin(args, { env, out: (l) => out.push(l), err: (l) => err.push(l), stdin: async () => '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `\uFEFFcode,name,level,parent\n${lines.join('\n')}\n`);
  return file;
}

describe('admin CLI: divisions check', () => {
  it('reports new, changed and unchanged rows, and with --emit-ts prints the rows for division-table.ts', async () => {
    const file = csv('ok.csv', [
      '330106,西湖区,county,330100', // as bundled
      '330106016,测试新街道,street,330106', // new
      '330106109,三墩镇（更名）,street,330106', // changed name
      '339900,测试新市,city,330000', // new city, a county and a street under it
      '339901,测试新区,county,339900',
      '339901001,测试新区某街道,street,339901',
    ]);
    const plain = await admin(['divisions', 'check', file]);
    expect(plain.code, plain.err).toBe(0);
    expect(plain.out).toContain('6 行 rows: 4 个新增 new, 1 个变更 changed, 1 个与内置表相同 as bundled');
    expect(plain.out).toContain(
      '变更 changed 330106109: {"code":"330106109","name":"三墩镇","level":"street","parent":"330106"} → {"code":"330106109","name":"三墩镇（更名）","level":"street","parent":"330106"}',
    );
    expect(plain.out).not.toContain('{ code:');

    const emitted = await admin(['divisions', 'check', file, '--emit-ts']);
    expect(emitted.code).toBe(0);
    expect(emitted.out.split('\n').filter((l) => l.startsWith('  { code:'))).toEqual([
      "  { code: '330106016', name: '测试新街道', level: 'street', parent: '330106' },",
      "  { code: '339900', name: '测试新市', level: 'city', parent: '330000' },",
      "  { code: '339901', name: '测试新区', level: 'county', parent: '339900' },",
      "  { code: '339901001', name: '测试新区某街道', level: 'street', parent: '339901' },",
      "  { code: '330106109', name: '三墩镇（更名）', level: 'street', parent: '330106' },",
    ]);

    const json = await admin(['divisions', 'check', file, '--json']);
    expect(JSON.parse(json.out)).toEqual({ rows: 6, added: ['330106016', '339900', '339901', '339901001'], changed: ['330106109'], problems: [] });
  });

  it('exits 1 naming each problem (unknown parent, a level that does not match the code, a street under the wrong county) and emits nothing', async () => {
    const file = csv('bad.csv', [
      '330106017,无上级街道,street,330199',
      '3301060,七位代码,street,330106',
      '330108,滨江区,street,330100',
      '330106018,挂错区的街道,street,330108',
    ]);
    const res = await admin(['divisions', 'check', file, '--emit-ts']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('问题 problem 330106017: parent 330199 is not in the table');
    expect(res.err).toContain('问题 problem 3301060: not a 6- or 9-digit code');
    expect(res.err).toContain('问题 problem 330108: level street does not match the code structure');
    expect(res.err).toContain("问题 problem 330106018: a street's parent must be its county 330106");
    expect(res.out).not.toContain('{ code:');
  });

  it('refuses a file without the header or with a bad level (exit 1, naming the line), and no file at all (exit 2)', async () => {
    const noHeader = path.join(dir, 'no-header.csv');
    writeFileSync(noHeader, '330106,西湖区,county,330100\n');
    const header = await admin(['divisions', 'check', noHeader]);
    expect(header.code).toBe(1);
    expect(header.err).toContain('CSV 第 1 行须为 code,name,level,parent');
    const level = await admin(['divisions', 'check', csv('level.csv', ['330106,西湖区,county,330100', '330106019,某街道,village,330106'])]);
    expect(level.code).toBe(1);
    expect(level.err).toContain('第 3 行：level 须为 province、city、county 或 street');
    const missing = await admin(['divisions', 'check']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('a CSV file is required: divisions check <file.csv>');
  });

  it('reads quoted fields as csv-parse does: a comma or a quote inside a name is part of it', async () => {
    const file = csv('quoted.csv', [
      '"330106016","测试新街道,东区",street,330106',
      '330106017,"测试""新""街道",street,330106',
      '  330106018 , 测试北街道 , street , 330106',
    ]);
    const json = await admin(['divisions', 'check', file, '--json']);
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ rows: 3, added: ['330106016', '330106017', '330106018'], changed: [], problems: [] });
    const emitted = await admin(['divisions', 'check', file, '--emit-ts']);
    expect(emitted.out.split('\n').filter((l) => l.startsWith('  { code:'))).toEqual([
      "  { code: '330106016', name: '测试新街道,东区', level: 'street', parent: '330106' },",
      "  { code: '330106017', name: '测试\"新\"街道', level: 'street', parent: '330106' },",
      "  { code: '330106018', name: '测试北街道', level: 'street', parent: '330106' },",
    ]);
  });

  it('refuses malformed CSV (an unclosed quote) with exit 1', async () => {
    const res = await admin(['divisions', 'check', csv('unclosed.csv', ['330106016,"测试新街道,street,330106'])]);
    expect(res.code).toBe(1);
    expect(res.err).toContain('CSV 格式有误 / malformed CSV');
  });

  it('says in its help that the table is code and how to update it', () => {
    expect(HELP).toContain('区划表是代码，不在运行时载入');
    expect(HELP).toContain('paste the rows into libs/common/src/division-table.ts, npm run build');
  });
});
