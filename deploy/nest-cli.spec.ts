/**
 * nest-cli.json describes the monorepo to the Nest CLI: every folder under services/ is an
 * application and every folder under libs/ a library, each compiled with its own tsconfig (the
 * one `tsc -b` builds), so `npx nest build <project>` writes what `npm start` runs and
 * `npx nest start <service>` runs `<root>/dist/main.js`. This keeps the file from drifting when a
 * service or lib is added, moved or removed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface NestProject {
  type: 'application' | 'library';
  root: string;
  sourceRoot: string;
  entryFile: string;
  compilerOptions: { tsConfigPath: string };
}

const config = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
  monorepo: boolean;
  root: string;
  sourceRoot: string;
  compilerOptions: { tsConfigPath: string };
  projects: Record<string, NestProject>;
};

/** Folders holding a package, as npm workspaces sees them. */
const packagesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, dir, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();

function readTsconfig(file: string): ts.ParsedCommandLine {
  const { config: raw, error } = ts.readConfigFile(join(ROOT, file), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(raw, ts.sys, dirname(join(ROOT, file)));
}

const services = packagesUnder('services');
const libs = packagesUnder('libs');
const names = Object.keys(config.projects);

describe('nest-cli.json', () => {
  it('is a monorepo whose projects are exactly the folders under services/ and libs/', () => {
    expect(config.monorepo).toBe(true);
    expect(services.length).toBeGreaterThan(0);
    expect(libs.length).toBeGreaterThan(0);
    expect([...names].sort()).toEqual([...services, ...libs].sort());
  });

  it.each(services)('lists service %s as an application whose build output is what npm start runs', (name) => {
    const project = config.projects[name]!;
    expect(project).toMatchObject({ type: 'application', root: `services/${name}`, sourceRoot: `services/${name}/src`, entryFile: 'main' });
    expect(existsSync(join(ROOT, project.sourceRoot, 'main.ts'))).toBe(true);
    expect(project.compilerOptions.tsConfigPath).toBe(`services/${name}/tsconfig.json`);
    // `nest start` runs <outDir>/main.js: deploy/local/start.mjs runs services/<name>/dist/main.js.
    expect(relative(ROOT, readTsconfig(project.compilerOptions.tsConfigPath).options.outDir!)).toBe(`services/${name}/dist`);
  });

  it.each(libs)('lists lib %s as a library built from its own tsconfig', (name) => {
    const project = config.projects[name]!;
    expect(project).toMatchObject({ type: 'library', root: `libs/${name}`, sourceRoot: `libs/${name}/src`, entryFile: 'index' });
    expect(existsSync(join(ROOT, project.sourceRoot, 'index.ts'))).toBe(true);
    expect(project.compilerOptions.tsConfigPath).toBe(`libs/${name}/tsconfig.json`);
    expect(relative(ROOT, readTsconfig(project.compilerOptions.tsConfigPath).options.outDir!)).toBe(`libs/${name}/dist`);
  });

  it('lists every project after the projects it references, so `nest build --all` builds libs first', () => {
    for (const [index, name] of names.entries()) {
      const parsed = readTsconfig(config.projects[name]!.compilerOptions.tsConfigPath);
      for (const reference of parsed.projectReferences ?? []) {
        const referenced = names.find((other) => resolve(ROOT, config.projects[other]!.root) === reference.path);
        expect(referenced, `${name} references ${relative(ROOT, reference.path)}, which is no project`).toBeDefined();
        expect(names.indexOf(referenced!), `${name} is listed before ${referenced!}`).toBeLessThan(index);
      }
    }
  });

  it('defaults to a service (a bare `nest build` / `nest start`)', () => {
    const byRoot = names.find((name) => config.projects[name]!.root === config.root);
    expect(byRoot && config.projects[byRoot]!.type).toBe('application');
    expect(config.sourceRoot).toBe(config.projects[byRoot!]!.sourceRoot);
    expect(config.compilerOptions.tsConfigPath).toBe(config.projects[byRoot!]!.compilerOptions.tsConfigPath);
  });
});
