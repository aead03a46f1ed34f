/**
 * Checks deploy/k8s/ without a cluster:
 *  - every document is valid against the Kubernetes API schemas: the validators that the npm
 *    package `kubernetes-models` generates from the Kubernetes OpenAPI definitions (types,
 *    required fields, enums, formats), plus a strict pass that refuses fields the API does not
 *    have (a typo such as `replica:` would otherwise be ignored by the API server and by those
 *    validators alike), read from the same package's type declarations with the TypeScript
 *    compiler;
 *  - the project's own rules: every services/* folder runs as a Deployment of at least two
 *    replicas with resource requests and limits, probes (the gateway over HTTP on /health, the
 *    others with their NATS healthcheck script, which must exist), a PodDisruptionBudget, and the
 *    secrets and config it needs; every Secret, ConfigMap, key, volume claim and named port a
 *    manifest refers to exists; the NATS StatefulSet is a 3-node JetStream cluster on
 *    nats-server ≥ 2.10.23 with file storage, sync_interval set, and routes to its own pods; the
 *    EVENTS stream gets 3 replicas.
 * The checks are functions returning problems; the last block feeds them broken copies.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const K8S_DIR = join(ROOT, 'deploy/k8s');
const NAMESPACE = 'shanyu';
const MIN_NATS = [2, 10, 23] as const;

type Obj = Record<string, unknown>;
interface Manifest {
  file: string;
  doc: Obj;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (isObj(v) ? v[k] : Array.isArray(v) ? v[Number(k)] : undefined), o);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const name = (m: Manifest) => `${m.doc.kind}/${get(m.doc, 'metadata.name')} (${m.file})`;

function loadManifests(dir = K8S_DIR): Manifest[] {
  const out: Manifest[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    for (const d of parseAllDocuments(readFileSync(join(dir, file), 'utf8'), { uniqueKeys: true })) {
      if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
      const doc = d.toJS() as unknown;
      if (doc === null) continue;
      if (!isObj(doc)) throw new Error(`${file}: a document is not a mapping`);
      out.push({ file, doc });
    }
  }
  return out;
}

// ── Kubernetes API schemas (kubernetes-models) ────────────────────────────────────────────────
const require = createRequire(import.meta.url);

/** `apps/v1` + `Deployment` → the kubernetes-models module path `apps/v1/Deployment`. */
function modelPath(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (!group) return `v1/${kind}`; // the core group
  const dir = ['apps', 'autoscaling', 'batch', 'policy'].includes(group) ? group : group;
  return `${dir}/${version}/${kind}`;
}

async function schemaProblems(m: Manifest): Promise<string[]> {
  const apiVersion = String(m.doc.apiVersion ?? '');
  const kind = String(m.doc.kind ?? '');
  let mod: Record<string, unknown>;
  try {
    mod = (await import(`kubernetes-models/${modelPath(apiVersion, kind)}`)) as Record<string, unknown>;
  } catch {
    return [`${name(m)}: no Kubernetes schema for ${apiVersion} ${kind}`];
  }
  const Model = mod[kind] as new (data: unknown) => { validate(): void };
  try {
    new Model(m.doc).validate();
    return [];
  } catch (e) {
    return [`${name(m)}: ${(e as Error).message}`];
  }
}

/** Field names of every Kubernetes type, from the type declarations kubernetes-models ships. */
class StrictFields {
  private readonly checker: ts.TypeChecker;
  private readonly types = new Map<string, ts.Type>();

  constructor(kinds: { apiVersion: string; kind: string }[]) {
    const unique = [...new Map(kinds.map((k) => [`${k.apiVersion} ${k.kind}`, k])).values()];
    const lines = unique.map(
      (k, i) => `import type { I${k.kind} as T${i} } from 'kubernetes-models/${modelPath(k.apiVersion, k.kind)}';\nexport type K${i} = T${i};`,
    );
    const entry = join(K8S_DIR, '__kinds__.ts');
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    host.readFile = (f) => (resolve(f) === entry ? lines.join('\n') : read(f));
    host.fileExists = (f) => resolve(f) === entry || exists(f);
    const program = ts.createProgram([entry], options, host);
    this.checker = program.getTypeChecker();
    const source = program.getSourceFile(entry)!;
    const exports = this.checker.getExportsOfModule(this.checker.getSymbolAtLocation(source)!);
    unique.forEach((k, i) => {
      const symbol = exports.find((s) => s.name === `K${i}`);
      if (symbol) this.types.set(`${k.apiVersion} ${k.kind}`, this.checker.getDeclaredTypeOfSymbol(symbol));
    });
  }

  problems(m: Manifest): string[] {
    const type = this.types.get(`${m.doc.apiVersion} ${m.doc.kind}`);
    if (!type) return [];
    const out: string[] = [];
    this.walk(m.doc, type, '', out);
    return out.map((p) => `${name(m)}: ${p}`);
  }

  private walk(value: unknown, type: ts.Type, path: string, out: string[]): void {
    const t = this.checker.getNonNullableType(type);
    if (t.isUnion()) {
      const objects = t.types.filter((u) => u.getProperties().length > 0 || this.checker.isArrayType(u));
      if (objects.length !== 1) return; // IntOrString and the like: nothing more to check
      return this.walk(value, objects[0], path, out);
    }
    if (Array.isArray(value)) {
      if (!this.checker.isArrayType(t)) return;
      const element = this.checker.getTypeArguments(t as ts.TypeReference)[0];
      value.forEach((v, i) => this.walk(v, element, `${path}[${i}]`, out));
      return;
    }
    if (!isObj(value)) return;
    const index = this.checker.getIndexInfoOfType(t, ts.IndexKind.String);
    for (const [key, v] of Object.entries(value)) {
      const prop = t.getProperty(key);
      const at = path ? `${path}.${key}` : key;
      if (prop) this.walk(v, this.checker.getTypeOfSymbol(prop), at, out);
      else if (index) this.walk(v, index.type, at, out);
      else out.push(`unknown field ${at}`);
    }
  }
}

let strictFields: StrictFields | undefined;
/** One TypeScript program for every kind the manifests use (building it takes a few seconds). */
const strictFor = (manifests: Manifest[]) =>
  (strictFields ??= new StrictFields(manifests.map((m) => ({ apiVersion: String(m.doc.apiVersion), kind: String(m.doc.kind) }))));

// ── the project's own rules ───────────────────────────────────────────────────────────────────
const WORKLOADS = new Set(['Deployment', 'StatefulSet']);

function appServices(): string[] {
  return readdirSync(join(ROOT, 'services'))
    .filter((s) => existsSync(join(ROOT, 'services', s, 'package.json')))
    .sort();
}

function containersOf(m: Manifest): Obj[] {
  return arr(get(m.doc, 'spec.template.spec.containers')).filter(isObj);
}

const cpu = (q: unknown): number => {
  const s = String(q);
  return s.endsWith('m') ? Number(s.slice(0, -1)) / 1000 : Number(s);
};
const bytes = (q: unknown): number => {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(String(q));
  if (!m) return Number.NaN;
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, K: 1e3, M: 1e6, G: 1e9, T: 1e12 }[m[2] ?? ''] ?? 1;
  return Number(m[1]) * unit;
};

/** Labels of `selector.matchLabels` all present on the pod template. */
const selects = (selector: unknown, labels: unknown) =>
  isObj(selector) && isObj(labels) && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

function projectProblems(manifests: Manifest[], services = appServices()): string[] {
  const problems: string[] = [];
  const byKind = (kind: string) => manifests.filter((m) => m.doc.kind === kind);
  const find = (kind: string, n: string) => manifests.find((m) => m.doc.kind === kind && get(m.doc, 'metadata.name') === n);

  for (const m of manifests) {
    if (m.doc.kind !== 'Namespace' && get(m.doc, 'metadata.namespace') !== NAMESPACE) problems.push(`${name(m)}: not in namespace ${NAMESPACE}`);
  }

  // Workloads: selectors, resources, probes, references.
  for (const m of manifests.filter((x) => WORKLOADS.has(String(x.doc.kind)))) {
    const labels = get(m.doc, 'spec.template.metadata.labels');
    if (!selects(get(m.doc, 'spec.selector.matchLabels'), labels)) problems.push(`${name(m)}: selector does not match the pod template's labels`);
    if (!byKind('PodDisruptionBudget').some((p) => selects(get(p.doc, 'spec.selector.matchLabels'), labels)))
      problems.push(`${name(m)}: no PodDisruptionBudget selects its pods`);
    const volumes = arr(get(m.doc, 'spec.template.spec.volumes')).filter(isObj);
    const claimTemplates = arr(get(m.doc, 'spec.volumeClaimTemplates')).map((c) => get(c, 'metadata.name'));
    for (const c of containersOf(m)) {
      const where = `${name(m)} container ${c.name}`;
      for (const r of ['requests', 'limits']) {
        for (const q of ['cpu', 'memory']) if (get(c, `resources.${r}.${q}`) === undefined) problems.push(`${where}: no resources.${r}.${q}`);
      }
      if (cpu(get(c, 'resources.limits.cpu')) < cpu(get(c, 'resources.requests.cpu'))) problems.push(`${where}: cpu limit below its request`);
      if (bytes(get(c, 'resources.limits.memory')) < bytes(get(c, 'resources.requests.memory'))) problems.push(`${where}: memory limit below its request`);
      for (const probe of ['readinessProbe', 'livenessProbe']) if (!isObj(c[probe])) problems.push(`${where}: no ${probe}`);
      if (get(c, 'securityContext.allowPrivilegeEscalation') !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
      const ports = arr(c.ports).map((p) => get(p, 'name'));
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const port = get(c, `${probe}.httpGet.port`);
        if (typeof port === 'string' && !ports.includes(port)) problems.push(`${where}: ${probe} names port ${port}, which the container does not have`);
      }
      for (const e of arr(c.env)) {
        const ref = get(e, 'valueFrom.secretKeyRef') ?? get(e, 'valueFrom.configMapKeyRef');
        if (!isObj(ref)) continue;
        const kind = get(e, 'valueFrom.secretKeyRef') ? 'Secret' : 'ConfigMap';
        const target = find(kind, String(ref.name));
        const keys = { ...(get(target?.doc, 'data') as Obj), ...(get(target?.doc, 'stringData') as Obj) };
        if (!target) problems.push(`${where}: env ${get(e, 'name')} refers to ${kind} ${ref.name}, which does not exist`);
        else if (!(String(ref.key) in keys)) problems.push(`${where}: env ${get(e, 'name')} refers to key ${ref.key} missing from ${kind} ${ref.name}`);
      }
      for (const from of arr(c.envFrom)) {
        for (const [field, kind] of [
          ['configMapRef', 'ConfigMap'],
          ['secretRef', 'Secret'],
        ] as const) {
          const n = get(from, `${field}.name`);
          if (n && !find(kind, String(n))) problems.push(`${where}: envFrom ${kind} ${n} does not exist`);
        }
      }
      for (const mount of arr(c.volumeMounts)) {
        const v = get(mount, 'name');
        if (!volumes.some((x) => x.name === v) && !claimTemplates.includes(v)) problems.push(`${where}: mounts volume ${v}, which the pod does not have`);
      }
    }
    for (const v of volumes) {
      const cm = get(v, 'configMap.name');
      if (cm && !find('ConfigMap', String(cm))) problems.push(`${name(m)}: volume ${v.name} refers to ConfigMap ${cm}, which does not exist`);
      const claim = get(v, 'persistentVolumeClaim.claimName');
      if (claim && !find('PersistentVolumeClaim', String(claim)))
        problems.push(`${name(m)}: volume ${v.name} refers to PersistentVolumeClaim ${claim}, which does not exist`);
    }
  }

  // Every application service runs as a Deployment.
  const images = new Set<string>();
  for (const service of services) {
    const d = find('Deployment', service);
    if (!d) {
      problems.push(`services/${service} has no Deployment in deploy/k8s`);
      continue;
    }
    if (Number(get(d.doc, 'spec.replicas')) < 2) problems.push(`${name(d)}: fewer than 2 replicas`);
    const [c] = containersOf(d);
    images.add(String(c?.image));
    const command = arr(c?.command).join(' ');
    if (command !== `node services/${service}/dist/main.js`) problems.push(`${name(d)}: command "${command}" does not start services/${service}`);
    const env = new Set([
      ...arr(c?.env).map((e) => get(e, 'name')),
      ...arr(c?.envFrom).flatMap((f) => Object.keys((get(find('ConfigMap', String(get(f, 'configMapRef.name')))?.doc, 'data') as Obj) ?? {})),
    ]);
    for (const required of ['DATABASE_URL', 'NATS_URL', 'SHANYU_MODE', 'PII_KEY', 'EVENTS_REPLICAS'])
      if (!env.has(required)) problems.push(`${name(d)}: no ${required}`);
    for (const e of arr(c?.env)) {
      if (/SECRET|KEY|PASSWORD|DATABASE_URL/.test(String(get(e, 'name'))) && get(e, 'value') !== undefined)
        problems.push(`${name(d)}: ${get(e, 'name')} given as a plain value, not from a Secret`);
    }
    if (service === 'gateway') {
      if (!env.has('JWT_SECRET')) problems.push(`${name(d)}: no JWT_SECRET`);
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        const path = String(get(c, `${probe}.httpGet.path`));
        if (!/^\/health(\?|$)/.test(path)) problems.push(`${name(d)}: ${probe} is not an HTTP probe on /health`);
      }
      const service = find('Service', 'gateway');
      const port = get(c, 'ports.0.name');
      if (!service) problems.push('the gateway has no Service');
      else {
        if (!selects(get(service.doc, 'spec.selector'), get(d.doc, 'spec.template.metadata.labels')))
          problems.push(`${name(service)}: does not select the gateway's pods`);
        if (!arr(get(service.doc, 'spec.ports')).some((p) => get(p, 'targetPort') === port || get(p, 'targetPort') === get(c, 'ports.0.containerPort')))
          problems.push(`${name(service)}: targets no port of the gateway container`);
      }
    } else {
      const script = `services/${service}/dist/healthcheck.js`;
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        if (arr(get(c, `${probe}.exec.command`)).join(' ') !== `node ${script}`) problems.push(`${name(d)}: ${probe} is not "node ${script}"`);
      }
      if (!existsSync(join(ROOT, `services/${service}/src/healthcheck.ts`)))
        problems.push(`${name(d)}: its probe runs ${script}, but services/${service}/src/healthcheck.ts does not exist`);
    }
  }
  if (images.size > 1) problems.push(`the services run different images: ${[...images].join(', ')}`);

  // ConfigMaps carry no secrets.
  for (const m of byKind('ConfigMap')) {
    for (const key of Object.keys((get(m.doc, 'data') as Obj) ?? {}))
      if (/SECRET|PASSWORD|PII_KEY|TOKEN/i.test(key)) problems.push(`${name(m)}: ${key} belongs in a Secret`);
  }

  // NATS: a 3-node JetStream cluster, and EVENTS at 3 replicas.
  const nats = byKind('StatefulSet').find((m) => containersOf(m).some((c) => /^nats:/.test(String(c.image))));
  if (!nats) problems.push('no NATS StatefulSet');
  else {
    const replicas = Number(get(nats.doc, 'spec.replicas'));
    if (replicas !== 3) problems.push(`${name(nats)}: ${replicas} replicas, not 3`);
    const image = String(containersOf(nats)[0].image);
    const version = /^nats:(\d+)\.(\d+)(?:\.(\d+))?/.exec(image);
    const [major, minor, patch] = version ? [Number(version[1]), Number(version[2]), version[3] === undefined ? Infinity : Number(version[3])] : [0, 0, 0];
    const newEnough = major > MIN_NATS[0] || (major === MIN_NATS[0] && (minor > MIN_NATS[1] || (minor === MIN_NATS[1] && patch >= MIN_NATS[2])));
    if (!newEnough) problems.push(`${name(nats)}: image ${image} is older than nats-server ${MIN_NATS.join('.')}`);
    if (!arr(get(nats.doc, 'spec.volumeClaimTemplates')).length)
      problems.push(`${name(nats)}: no volumeClaimTemplates (JetStream would keep its store on the node)`);
    const headless = find('Service', String(get(nats.doc, 'spec.serviceName')));
    if (get(headless?.doc, 'spec.clusterIP') !== 'None') problems.push(`${name(nats)}: serviceName is not a headless Service`);
    const configName = arr(get(nats.doc, 'spec.template.spec.volumes'))
      .map((v) => get(v, 'configMap.name'))
      .find(Boolean);
    const conf = String(Object.values((get(find('ConfigMap', String(configName))?.doc, 'data') as Obj) ?? {})[0] ?? '');
    if (!/jetstream\s*\{[^}]*store_dir/s.test(conf)) problems.push('nats.conf: no JetStream file store (store_dir)');
    if (!/^\s*sync_interval:\s*\S+/m.test(conf)) problems.push('nats.conf: sync_interval (fsync) is not set');
    if (!/^\s*cluster\s*\{/m.test(conf)) problems.push('nats.conf: no cluster block');
    const natsName = String(get(nats.doc, 'metadata.name'));
    const routes = [...conf.matchAll(/nats:\/\/([\w.-]+):6222/g)].map((r) => r[1]);
    const expected = Array.from({ length: replicas }, (_, i) => `${natsName}-${i}.${get(headless?.doc, 'metadata.name')}.${NAMESPACE}.svc.cluster.local`);
    if (JSON.stringify(routes) !== JSON.stringify(expected))
      problems.push(`nats.conf: routes ${routes.join(', ')} are not the ${replicas} pods (${expected.join(', ')})`);
    const eventsReplicas = Number(get(find('ConfigMap', 'shanyu-config')?.doc, 'data.EVENTS_REPLICAS'));
    if (eventsReplicas !== 3) problems.push(`EVENTS_REPLICAS is ${eventsReplicas}, not 3`);
    if (eventsReplicas > replicas) problems.push('EVENTS_REPLICAS exceeds the NATS servers');
  }
  return problems;
}

// ── the tests ─────────────────────────────────────────────────────────────────────────────────
describe('deploy/k8s: Kubernetes manifests', () => {
  const manifests = loadManifests();

  it('parse, every document a Kubernetes object', () => {
    expect(manifests.length).toBeGreaterThan(15);
    for (const m of manifests) {
      expect(m.doc.apiVersion, m.file).toEqual(expect.any(String));
      expect(m.doc.kind, m.file).toEqual(expect.any(String));
      expect(get(m.doc, 'metadata.name'), m.file).toEqual(expect.any(String));
    }
  });

  it('are valid against the Kubernetes API schemas (kubernetes-models), with no unknown fields', async () => {
    const problems = (await Promise.all(manifests.map(schemaProblems))).flat();
    const strict = strictFor(manifests);
    problems.push(...manifests.flatMap((m) => strict.problems(m)));
    expect(problems).toEqual([]);
    const version = (require('kubernetes-models/package.json') as { version: string }).version;
    console.log(`[k8s] ${manifests.length} objects (${[...new Set(manifests.map((m) => m.doc.kind))].join(', ')}) valid against kubernetes-models ${version}`);
  }, 60_000);

  it("follow the project's rules (services, probes, resources, references, NATS cluster)", () => {
    expect(projectProblems(manifests)).toEqual([]);
  });

  describe('catch the mistakes they are there for', () => {
    const broken = (mutate: (ms: Manifest[]) => void) => {
      const copy = structuredClone(manifests);
      mutate(copy);
      return copy;
    };
    const deployment = (ms: Manifest[], n: string) => ms.find((m) => m.doc.kind === 'Deployment' && get(m.doc, 'metadata.name') === n)!;
    const container = (m: Manifest) => containersOf(m)[0];

    it('a typo in a field and a wrong type', async () => {
      const ms = broken((x) => {
        const spec = get(deployment(x, 'registry').doc, 'spec') as Obj;
        spec.replica = spec.replicas;
        (get(deployment(x, 'staff').doc, 'spec') as Obj).replicas = 'two';
        const c = container(deployment(x, 'gateway'));
        c.readinesProbe = c.readinessProbe;
        (get(c, 'resources') as Obj).limit = { cpu: 1 };
        (get(x.find((m) => m.doc.kind === 'StatefulSet')!.doc, 'spec.volumeClaimTemplates.0.spec') as Obj).storageClass = 'fast';
      });
      const strict = strictFor(ms);
      expect(ms.flatMap((m) => strict.problems(m))).toEqual([
        expect.stringContaining('StatefulSet/nats (20-nats.yaml): unknown field spec.volumeClaimTemplates[0].spec.storageClass'),
        expect.stringContaining('Deployment/gateway (30-gateway.yaml): unknown field spec.template.spec.containers[0].resources.limit'),
        expect.stringContaining('Deployment/gateway (30-gateway.yaml): unknown field spec.template.spec.containers[0].readinesProbe'),
        expect.stringContaining('Deployment/registry (31-registry.yaml): unknown field spec.replica'),
      ]);
      expect((await Promise.all(ms.map(schemaProblems))).flat()).toEqual([expect.stringMatching(/Deployment\/staff.*replicas must be integer/)]);
    }, 60_000);

    it('a service without a Deployment, a single replica, missing limits, a wrong probe', () => {
      expect(projectProblems(manifests, [...appServices(), 'payments'])).toContain('services/payments has no Deployment in deploy/k8s');
      const ms = broken((x) => {
        (get(deployment(x, 'credit').doc, 'spec') as Obj).replicas = 1;
        delete (get(container(deployment(x, 'inspection')), 'resources') as Obj).limits;
        (get(container(deployment(x, 'subsidy')), 'livenessProbe.exec') as Obj).command = ['true'];
      });
      const problems = projectProblems(ms);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Deployment\/credit.*fewer than 2 replicas/),
          expect.stringMatching(/container inspection: no resources\.limits\.cpu/),
          expect.stringMatching(/Deployment\/subsidy.*livenessProbe is not "node services\/subsidy\/dist\/healthcheck.js"/),
        ]),
      );
    });

    it('a reference to a missing secret key, a plain secret, an old nats-server, too few JetStream replicas', () => {
      const ms = broken((x) => {
        (get(container(deployment(x, 'gateway')), 'env') as Obj[]).find((e) => e.name === 'JWT_SECRET')!.valueFrom = {
          secretKeyRef: { name: 'shanyu-secrets', key: 'jwt' },
        };
        (get(container(deployment(x, 'registry')), 'env') as Obj[]).push({ name: 'PII_KEY_OLD', value: 'c2VjcmV0' });
        const nats = x.find((m) => m.doc.kind === 'StatefulSet')!;
        containersOf(nats)[0].image = 'nats:2.10.22-alpine';
        (get(nats.doc, 'spec') as Obj).replicas = 1;
        (get(x.find((m) => get(m.doc, 'metadata.name') === 'shanyu-config')!.doc, 'data') as Obj).EVENTS_REPLICAS = '1';
      });
      expect(projectProblems(ms)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/env JWT_SECRET refers to key jwt missing from Secret shanyu-secrets/),
          expect.stringMatching(/Deployment\/registry.*PII_KEY_OLD given as a plain value/),
          expect.stringMatching(/image nats:2\.10\.22-alpine is older than nats-server 2\.10\.23/),
          expect.stringMatching(/1 replicas, not 3/),
          'EVENTS_REPLICAS is 1, not 3',
        ]),
      );
    });
  });
});
