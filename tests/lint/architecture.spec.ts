// The architecture lint (eslint.config.js) really catches what it is there for. Type-aware rules
// need the file in the TypeScript program (tsconfig.eslint.json), so each case gets a scratch
// file on disk, under the folder whose rules it tests; the code itself is passed to lintText.
// The scratch folders (__lint_fixtures__) are ignored by `eslint .`, hence `ignore: false` here.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const FIXTURES = '__lint_fixtures__';
const run = `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Scratch files by name, each in `<folder>/__lint_fixtures__/`. */
const files = {
  gatewayImportsRegistry: 'services/gateway',
  gatewayDeepImport: 'services/gateway',
  gatewayFloatingPromise: 'services/gateway',
  gatewayClean: 'services/gateway',
  gatewayRelativeIntoRegistry: 'services/gateway',
  gatewayRelativeIntoLib: 'services/gateway',
  libImportsService: 'libs/common',
  testsImportServices: 'tests/lint',
  testsDeepImport: 'tests/lint',
  // Beside src/, not in it: `tsc -b` of a test running meanwhile must not see scratch files come and go.
  registryUseCaseSql: 'services/registry',
  registryRepositorySql: 'services/registry',
} as const;
type Fixture = keyof typeof files;
/** Fixtures whose rules depend on the file's kind. */
const suffixes: Partial<Record<Fixture, string>> = { registryRepositorySql: '.repository.ts' };

const fixturePath = (name: Fixture) => path.join(root, files[name], FIXTURES, `${run}-${name}${suffixes[name] ?? '.ts'}`);
const created = new Set<string>();

let eslint: ESLint;

beforeAll(() => {
  // Every file must exist before the first lint builds the program. The disk copy stays
  // harmless; what is linted is the text given to lintText.
  for (const name of Object.keys(files) as Fixture[]) {
    const file = fixturePath(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    created.add(path.dirname(file));
    fs.writeFileSync(file, 'export {};\n');
  }
  // With CI=true typescript-eslint infers a single run and builds its program once from the files
  // on disk, which would lint the placeholder instead of the text given to lintText.
  eslint = new ESLint({
    cwd: root,
    ignore: false,
    overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
  });
});

afterAll(() => {
  for (const name of Object.keys(files) as Fixture[]) fs.rmSync(fixturePath(name), { force: true });
  for (const dir of created) {
    try {
      fs.rmdirSync(dir); // only when empty: another run may still be using it
    } catch {
      // not empty or already gone
    }
  }
});

async function lint(name: Fixture, code: string) {
  const [result] = await eslint.lintText(code, { filePath: fixturePath(name) });
  return result!.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }));
}

describe('architecture lint', () => {
  it('reports a service importing another service', { timeout: 120_000 }, async () => {
    const messages = await lint('gatewayImportsRegistry', "import { startRegistry } from '@shanyu/registry';\nexport const x = startRegistry;\n");
    expect(messages).toEqual([expect.objectContaining({ ruleId: '@typescript-eslint/no-restricted-imports', line: 1 })]);
    expect(messages[0]!.message).toMatch(/another service/);
  });

  it('reports a deep import into a library', async () => {
    const messages = await lint('gatewayDeepImport', "import { isValidUscc } from '@shanyu/common/src/uscc.js';\nexport const y = isValidUscc;\n");
    expect(messages).toEqual([expect.objectContaining({ ruleId: '@typescript-eslint/no-restricted-imports', line: 1 })]);
    expect(messages[0]!.message).toMatch(/public index/);
  });

  it('reports a floating promise in a service (type-aware)', async () => {
    const code = ['async function save(): Promise<void> {}', 'export function handle(): void {', '  save();', '}', ''].join('\n');
    const messages = await lint('gatewayFloatingPromise', code);
    expect(messages).toEqual([expect.objectContaining({ ruleId: '@typescript-eslint/no-floating-promises', line: 3 })]);
  });

  it('accepts a library imported through its public index', async () => {
    const code = [
      "import { DomainError } from '@shanyu/common';",
      '',
      'export async function check(ok: Promise<boolean>): Promise<void> {',
      "  if (!(await ok)) throw new DomainError('NOT_FOUND', 'missing');",
      '}',
      '',
    ].join('\n');
    expect(await lint('gatewayClean', code)).toEqual([]);
  });

  it('reports relative paths into another service or into a library', async () => {
    const intoRegistry = await lint('gatewayRelativeIntoRegistry', "export { startRegistry } from '../../registry/src/app.js';\n");
    expect(intoRegistry).toEqual([expect.objectContaining({ ruleId: 'architecture/no-relative-cross-package-import' })]);
    expect(intoRegistry[0]!.message).toMatch(/another service/);

    const intoLib = await lint('gatewayRelativeIntoLib', "import { isValidUscc } from '../../../libs/common/src/uscc.js';\nexport const y = isValidUscc;\n");
    expect(intoLib).toEqual([expect.objectContaining({ ruleId: 'architecture/no-relative-cross-package-import' })]);
    expect(intoLib[0]!.message).toMatch(/@shanyu\/common/);
  });

  it('reports a library importing a service', async () => {
    const messages = await lint('libImportsService', "import type { RunningGateway } from '@shanyu/gateway';\nexport type G = RunningGateway;\n");
    expect(messages).toEqual([expect.objectContaining({ ruleId: '@typescript-eslint/no-restricted-imports' })]);
    expect(messages[0]!.message).toMatch(/Libraries may not import services/);
  });

  it('lets tests/ import services through their public index, but not deep paths', async () => {
    const clean = await lint(
      'testsImportServices',
      "import { createGateway } from '@shanyu/gateway';\nimport { startRegistry } from '@shanyu/registry';\nexport const both = [createGateway, startRegistry];\n",
    );
    expect(clean).toEqual([]);

    const deep = await lint(
      'testsDeepImport',
      "import { RegistryModule } from '@shanyu/registry/src/registry.module.js';\nimport { TokenService } from '../../../services/gateway/src/auth/token.service.js';\nexport const both = [RegistryModule, TokenService];\n",
    );
    expect(deep.map((m) => m.ruleId).sort()).toEqual(['@typescript-eslint/no-restricted-imports', 'architecture/no-relative-cross-package-import']);
  });

  it('keeps SQL and ORM calls in repositories', async () => {
    const code = [
      "import type { EntityManager } from 'typeorm';",
      'export async function names(manager: EntityManager, tx: { manager: EntityManager }): Promise<unknown[]> {',
      "  const rows: unknown[] = await manager.query('SELECT name FROM institution');",
      "  await tx.manager.findOneBy(Object, { id: 'x' });",
      '  return rows;',
      '}',
      '',
    ].join('\n');
    const inUseCase = await lint('registryUseCaseSql', code);
    expect(inUseCase.map((m) => [m.ruleId, m.line])).toEqual([
      ['no-restricted-syntax', 3],
      ['no-restricted-syntax', 4],
    ]);
    expect(inUseCase[0]!.message).toMatch(/repository/);
    expect(await lint('registryRepositorySql', code)).toEqual([]);
  });
});
