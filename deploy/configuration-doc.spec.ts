import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, DEMO_PII_KEY, generateIdentityKeyPair, KNOWN_DEMO_SECRETS, loadServiceConfig, productionSecretsOf } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { CreditConfig } from '../services/credit/src/config.js';
import { DEMO_JWT_SECRET, GatewayConfig } from '../services/gateway/src/config.js';
import { InspectionConfig } from '../services/inspection/src/config.js';
import { RegistryConfig } from '../services/registry/src/config.js';
import { StaffConfig } from '../services/staff/src/config.js';
import { SubsidyConfig } from '../services/subsidy/src/config.js';
import { collectSettings, DOC_PATH, EXTRA_SETTINGS, generateConfigurationDoc, readConfigClasses, ROOT } from './config/configuration-doc.mjs';

interface Row {
  name: string;
  services: string[];
}

describe('docs/configuration.md, generated from the config classes', () => {
  it('is up to date with every config class (npm run docs:config rewrites it)', () => {
    const expected: string = generateConfigurationDoc();
    const actual = readFileSync(DOC_PATH, 'utf8');
    expect(actual, 'docs/configuration.md is stale: run npm run docs:config').toBe(expected);
  });

  it('lists every setting of every service config class, with the services that read it', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const classes = readConfigClasses() as { service: string; settings: { name: string }[] }[];
    expect(classes.map((c) => c.service).sort()).toEqual(['credit', 'gateway', 'inspection', 'registry', 'staff', 'subsidy']);
    for (const c of classes) {
      for (const s of c.settings) {
        const line = doc.split('\n').find((l) => l.startsWith(`| \`${s.name}\` |`));
        expect(line, `${s.name} of ${c.service} is missing from docs/configuration.md`).toBeDefined();
        expect(line!.split('|')[2]).toMatch(new RegExp(`all|${c.service}`));
      }
    }
  });

  it('documents every variable the code reads from the environment outside the config classes', () => {
    const documented = new Set<string>([
      ...(collectSettings() as Row[]).map((r) => r.name),
      ...(EXTRA_SETTINGS as { name: string }[]).flatMap((e) => e.name.split(', ')),
    ]);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (entry === 'node_modules' || entry === 'dist') continue;
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|mjs)$/.test(entry) && !/\.(e2e-)?spec\.ts$/.test(entry)) files.push(full);
      }
    };
    for (const dir of ['libs', 'services', 'deploy/admin']) walk(path.join(ROOT, dir));
    const undocumented = new Map<string, string>();
    for (const file of files) {
      if (file.includes(`${path.sep}libs${path.sep}testing${path.sep}`)) continue; // the test harness
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:process\.)?env(?:\?)?\.([A-Z][A-Z0-9_]{2,})\b|\benv\[['"]([A-Z][A-Z0-9_]{2,})['"]\]/g)) {
        const name = m[1] ?? m[2];
        if (!documented.has(name)) undocumented.set(name, path.relative(ROOT, file));
      }
    }
    expect(Object.fromEntries(undocumented), 'add them to a config class or EXTRA_SETTINGS in deploy/config/configuration-doc.mjs').toEqual({});
  });

  it('fails loudly when a config class has a setting without a meaning', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'config-doc-'));
    mkdirSync(path.join(root, 'services/example/src'), { recursive: true });
    writeFileSync(
      path.join(root, 'services/example/src/config.ts'),
      [
        'export class ExampleConfig {',
        '  /** How often the example sweeps, in ms. */',
        '  @IsInt() @Min(0) EXAMPLE_SWEEP_MS: number = 60 * 1000;',
        "  @IsString() EXAMPLE_MYSTERY: string = 'x';",
        '}',
      ].join('\n'),
    );
    const classes = readConfigClasses(root);
    expect(classes[0].settings.map((s: { name: string }) => s.name)).toEqual(['EXAMPLE_SWEEP_MS', 'EXAMPLE_MYSTERY']);
    expect(() => collectSettings(classes)).toThrow(/EXAMPLE_MYSTERY \(example\) has no meaning/);
    const ok = collectSettings([{ ...classes[0], settings: classes[0].settings.slice(0, 1) }]) as (Row & { defaults: Set<string>; meaning: string })[];
    expect(ok[0].meaning).toBe('How often the example sweeps, in ms.');
    expect([...ok[0].defaults]).toEqual(['60000']);
  });
});

const db = 'postgres://shanyu:a-real-db-password@db:5432/shanyu';
const PII = Buffer.alloc(32, 7).toString('base64');
const JWT = 'x'.repeat(48);
const IDENTITY = generateIdentityKeyPair();

describe('a production start refuses demo secrets and missing keys, naming the variable', () => {
  const cases = [
    { name: 'gateway', schema: GatewayConfig, secrets: { JWT_SECRET: JWT, IDENTITY_SIGNING_KEY: IDENTITY.signingKey } },
    { name: 'staff', schema: StaffConfig, secrets: { PII_KEY: PII, IDENTITY_PUBLIC_KEY: IDENTITY.publicKey } },
    { name: 'inspection', schema: InspectionConfig, secrets: { PII_KEY: PII, IDENTITY_PUBLIC_KEY: IDENTITY.publicKey } },
    { name: 'subsidy', schema: SubsidyConfig, secrets: { PII_KEY: PII, IDENTITY_PUBLIC_KEY: IDENTITY.publicKey } },
    { name: 'registry', schema: RegistryConfig, secrets: { IDENTITY_PUBLIC_KEY: IDENTITY.publicKey } },
    { name: 'credit', schema: CreditConfig, secrets: { IDENTITY_PUBLIC_KEY: IDENTITY.publicKey } },
  ] as const;

  it('the demo values the code ships are all on the refused list', () => {
    expect(KNOWN_DEMO_SECRETS).toContain(DEMO_JWT_SECRET);
    expect(KNOWN_DEMO_SECRETS).toContain(DEMO_PII_KEY);
    expect(KNOWN_DEMO_SECRETS).toContain(new GatewayConfig().SHANYU_DEMO_PASSWORD);
  });

  for (const { name, schema, secrets } of cases) {
    it(`${name}: starts with real secrets; refuses each missing or demo one; production is the default`, () => {
      const env = { DATABASE_URL: db, ...secrets };
      expect(() => loadServiceConfig(schema as never, env)).not.toThrow();
      expect([...productionSecretsOf(schema as never).keys()].sort()).toEqual(Object.keys(secrets).sort());
      for (const variable of Object.keys(secrets)) {
        const missing = { ...env } as Record<string, string>;
        delete missing[variable];
        expect(() => loadServiceConfig(schema as never, missing)).toThrow(ConfigError);
        expect(() => loadServiceConfig(schema as never, missing)).toThrow(new RegExp(`生产模式必须设置 ${variable}.*production mode needs ${variable}`));
        for (const demo of KNOWN_DEMO_SECRETS) {
          // Refused as a demo value, or earlier for its form (the demo password is too short for JWT_SECRET).
          expect(() => loadServiceConfig(schema as never, { ...env, [variable]: demo }), `${variable}=${demo}`).toThrow(new RegExp(`\\n  ${variable}: `));
        }
        if (variable === 'JWT_SECRET')
          expect(() => loadServiceConfig(schema as never, { ...env, JWT_SECRET: DEMO_JWT_SECRET })).toThrow(/JWT_SECRET: 生产模式不能使用公开的演示值/);
        if (variable === 'PII_KEY')
          expect(() => loadServiceConfig(schema as never, { ...env, PII_KEY: DEMO_PII_KEY })).toThrow(/PII_KEY: 生产模式不能使用公开的演示值/);
        // Demo and test stacks run without them.
        expect(() => loadServiceConfig(schema as never, { ...missing, SHANYU_MODE: 'demo' })).not.toThrow();
      }
      // docker-compose.yml's default database password.
      expect(() => loadServiceConfig(schema as never, { ...env, DATABASE_URL: 'postgres://shanyu:shanyu-demo@postgres:5432/shanyu' })).toThrow(
        /DATABASE_URL: 生产模式不能使用演示密码.*published demo value/,
      );
      expect(() =>
        loadServiceConfig(schema as never, { ...env, DATABASE_URL: 'postgres://shanyu:shanyu-demo@postgres:5432/shanyu', SHANYU_MODE: 'test' }),
      ).not.toThrow();
    });
  }

  it("refuses docker-compose.yml's demo NATS passwords in production, for every service", () => {
    for (const { schema, secrets } of cases) {
      const env = { DATABASE_URL: db, ...secrets, NATS_USER: 'registry' };
      expect(() => loadServiceConfig(schema as never, { ...env, NATS_PASSWORD: 'shanyu-demo-nats-registry' })).toThrow(
        /NATS_PASSWORD: 生产模式不能使用公开的演示值/,
      );
      expect(() => loadServiceConfig(schema as never, { ...env, NATS_PASSWORD: 'a-real-nats-password' })).not.toThrow();
      expect(() => loadServiceConfig(schema as never, { ...env, NATS_PASSWORD: 'shanyu-demo-nats-registry', SHANYU_MODE: 'demo' })).not.toThrow();
    }
  });

  it('names every problem at once', () => {
    let message = '';
    try {
      loadServiceConfig(GatewayConfig, { DATABASE_URL: 'postgres://u:shanyu-demo@h/db', NATS_URL: 'nats://a:shanyu-demo@h:4222' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^生产模式拒绝启动 \(production start refused\)/);
    expect(message).toContain('JWT_SECRET: 生产模式必须设置 JWT_SECRET');
    expect(message).toContain('DATABASE_URL: ');
    expect(message).toContain('NATS_URL: ');
  });
});
