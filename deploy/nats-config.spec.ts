/**
 * The NATS permissions deployed are the ones the contract catalog gives
 * (libs/contracts/src/nats-access.ts): the authorization block of deploy/nats/nats.conf and of
 * the k8s nats-config ConfigMap is exactly natsAuthorization() (`npm run docs` rewrites it),
 * the servers get every user's password from the environment, and each service connects as
 * its own user.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { natsAuthorization, natsPasswordVariable, natsUsers } from '@shanyu/contracts';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { NATS_CONFIG_FILES, withAuthorization } from './nats/authorization.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
type Obj = Record<string, unknown>;
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Obj | undefined)?.[k], o);
const SERVICES = readdirSync(join(ROOT, 'services'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const onPath = (bin: string) => (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, bin)));

const k8sDocs = readdirSync(join(ROOT, 'deploy/k8s'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(ROOT, 'deploy/k8s', f), 'utf8')).map((d) => d.toJS() as Obj));
const ofKind = (kind: string) => k8sDocs.filter((d) => d?.kind === kind);
const envOf = (workload: Obj, container: string) =>
  ((get(workload, 'spec.template.spec.containers') as Obj[]).find((c) => c.name === container)?.env ?? []) as Obj[];

describe('NATS authorization in deploy/', () => {
  it('is the block generated from the contract catalog (run `npm run docs` after changing contracts)', () => {
    const block = natsAuthorization();
    for (const { file, indent } of NATS_CONFIG_FILES) {
      const text = readFileSync(file, 'utf8');
      expect(withAuthorization(text, block, indent), `${file} is not what natsAuthorization() gives`).toBe(text);
    }
  });

  it('docker-compose.yml gives nats every password and each service its own user', () => {
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Obj;
    const natsEnv = get(compose, 'services.nats.environment') as Obj;
    expect(Object.keys(natsEnv).sort()).toEqual(natsUsers().map(natsPasswordVariable).sort());
    for (const service of SERVICES) {
      const env = get(compose, `services.${service}.environment`) as Obj;
      expect(env.NATS_USER, service).toBe(service);
      expect(String(env.NATS_PASSWORD), service).toMatch(new RegExp(`^\\$\\{${natsPasswordVariable(service)}:-[^}]+\\}$`));
    }
  });

  it('deploy/k8s gives the NATS servers every password and each Deployment its own user, from Secret shanyu-nats', () => {
    const secret = ofKind('Secret').find((s) => get(s, 'metadata.name') === 'shanyu-nats');
    expect(Object.keys((get(secret, 'stringData') ?? get(secret, 'data')) as Obj).sort()).toEqual([...natsUsers()].sort());
    const nats = ofKind('StatefulSet').find((s) => get(s, 'metadata.name') === 'nats')!;
    for (const user of natsUsers()) {
      const e = envOf(nats, 'nats').find((x) => x.name === natsPasswordVariable(user));
      expect(get(e, 'valueFrom.secretKeyRef'), user).toEqual({ name: 'shanyu-nats', key: user });
    }
    for (const service of SERVICES) {
      const deployment = ofKind('Deployment').find((d) => get(d, 'metadata.name') === service)!;
      const env = envOf(deployment, service);
      expect(env.find((e) => e.name === 'NATS_USER')?.value, service).toBe(service);
      expect(
        get(
          env.find((e) => e.name === 'NATS_PASSWORD'),
          'valueFrom.secretKeyRef',
        ),
        service,
      ).toEqual({ name: 'shanyu-nats', key: service });
    }
  });

  it("names the services' consumers with the schemas docker-compose and deploy/k8s run (each service's name: no *_DB_SCHEMA set)", () => {
    const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Obj;
    for (const service of SERVICES) {
      const variable = `${service.toUpperCase()}_DB_SCHEMA`;
      expect((get(compose, `services.${service}.environment`) as Obj)[variable] ?? service, `compose ${variable}`).toBe(service);
      const deployment = ofKind('Deployment').find((d) => get(d, 'metadata.name') === service)!;
      expect(envOf(deployment, service).find((e) => e.name === variable)?.value ?? service, `k8s ${variable}`).toBe(service);
    }
    const block = natsAuthorization();
    expect(block).toContain('"$JS.API.CONSUMER.MSG.NEXT.EVENTS.credit-registry-events"');
    expect(block).toContain('"$JS.API.CONSUMER.MSG.NEXT.EVENTS.dept-fire-inspection"');
    expect(block).not.toContain('"$JS.API.CONSUMER.INFO.EVENTS.*"');
  });

  it.skipIf(!onPath('nats-server'))('is accepted by nats-server -t with the passwords set, and refused without them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shanyu-nats-auth-'));
    try {
      // The compose file's config (the Kubernetes one has the same block, and settings of nats-server ≥ 2.10
      // that Debian's 2.9 here does not parse).
      const conf = join(dir, 'nats.conf');
      writeFileSync(conf, readFileSync(join(ROOT, 'deploy/nats/nats.conf'), 'utf8').replace(/store_dir:\s*\S+/, `store_dir: "${join(dir, 'store')}"`));
      const passwords = Object.fromEntries(natsUsers().map((u) => [natsPasswordVariable(u), `test-${u}`]));
      const test = (env: NodeJS.ProcessEnv) => execFileSync('nats-server', ['-t', '-c', conf], { stdio: 'pipe', timeout: 10_000, env });
      expect(() => test({ ...process.env, ...passwords })).not.toThrow();
      const { NATS_PASSWORD_DEPT_FIRE: _missing, ...withoutOne } = { ...process.env, ...passwords };
      expect(() => test(withoutOne)).toThrow(/NATS_PASSWORD_DEPT_FIRE/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
