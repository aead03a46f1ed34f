/**
 * deploy/observability/ cannot drift from the code: every PromQL expression of the alert rules
 * and the Grafana dashboard names only series a Shanyu process registers (ServiceMetrics, with
 * prom-client's default process metrics) or Prometheus makes itself (`up`); every `shanyu_*`
 * series is shown on the dashboard; Prometheus scrapes every service and loads the rule file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MetricNames, ServiceMetrics } from '@shanyu/observability';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'deploy/observability');
const read = (relative: string) => readFileSync(join(DIR, relative), 'utf8');

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
}
const rules = (parse(read('alerts.yml')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(read('grafana/dashboards/shanyu.json')) as {
  panels: { title: string; type: string; targets?: { expr: string }[] }[];
  templating: { list: { query: { query: string } | string }[] };
};
const prometheus = parse(read('prometheus.yml')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[];
};

/** Series Prometheus itself adds to every target. */
const PROMETHEUS_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

/** Every sample name a ServiceMetrics registry can expose (histograms as _bucket/_sum/_count). */
async function registeredSeries(): Promise<Set<string>> {
  const metrics = new ServiceMetrics('spec');
  const names = new Set<string>(PROMETHEUS_SERIES);
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (metric.type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(metric.name + suffix);
    if (metric.type === 'summary') for (const suffix of ['_sum', '_count']) names.add(metric.name + suffix);
  }
  return names;
}

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'le']);

/** Metric names an expression reads: identifiers that are not functions, keywords, labels or durations. */
function seriesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // grouping labels
    .replace(/\$\{?\w+\}?/g, ''); // Grafana variables
  const names: string[] = [];
  for (const m of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const after = stripped.slice(m.index! + m[0].length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(m[0].toLowerCase())) continue;
    names.push(m[0]);
  }
  return names;
}

function unknownSeries(exprs: { where: string; expr: string }[], known: Set<string>): string[] {
  const problems: string[] = [];
  for (const { where, expr } of exprs) {
    const names = seriesIn(expr);
    if (!names.length) problems.push(`${where}: reads no series`);
    for (const name of names) if (!known.has(name)) problems.push(`${where}: unknown series ${name}`);
  }
  return problems;
}

const ruleExprs = rules.map((r) => ({ where: `alert ${r.alert ?? r.record}`, expr: r.expr }));
const panelExprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })));
const variableExprs = dashboard.templating.list.map((v) => ({
  where: 'dashboard variable',
  expr: (typeof v.query === 'string' ? v.query : v.query.query).replace(/^label_values\((\w+),.*\)$/, '$1'),
}));

describe('deploy/observability', () => {
  it('alert rules read only series the code registers', async () => {
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(unknownSeries(ruleExprs, await registeredSeries())).toEqual([]);
  });

  it('alerts cover a service down, outbox backlog and age, dead letters, error rate and consumer lag', () => {
    const all = rules.map((r) => r.expr).join('\n');
    for (const series of [
      'up{',
      MetricNames.outboxBacklog,
      MetricNames.outboxOldestAge,
      MetricNames.deadLetters,
      `${MetricNames.httpRequestDuration}_count{status_class="5xx"}`,
      MetricNames.consumerPending,
    ]) {
      expect(all).toContain(series);
    }
  });

  it('the dashboard reads only registered series and shows every shanyu_* series', async () => {
    const known = await registeredSeries();
    expect(unknownSeries([...panelExprs, ...variableExprs], known)).toEqual([]);
    const shown = new Set([...panelExprs].flatMap((e) => seriesIn(e.expr)).map((n) => n.replace(/_(bucket|sum|count)$/, '')));
    expect(Object.values(MetricNames).filter((name) => !shown.has(name))).toEqual([]);
  });

  it('Prometheus loads the rule file and scrapes every service on its metrics port', () => {
    expect(prometheus.rule_files.map((f) => f.split('/').pop())).toContain('alerts.yml');
    const targets = prometheus.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    const services = readdirSync(join(ROOT, 'services'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(services.length).toBeGreaterThanOrEqual(6);
    for (const service of services) expect(targets).toContain(`${service}:9464`);
  });

  it('the check catches a misspelt series, a missing one and a label taken for a series', async () => {
    const known = await registeredSeries();
    expect(unknownSeries([{ where: 'x', expr: 'rate(shanyu_outbox_published[5m]) > 0' }], known)).toEqual(['x: unknown series shanyu_outbox_published']);
    expect(unknownSeries([{ where: 'y', expr: 'vector(1)' }], known)).toEqual(['y: reads no series']);
    expect(seriesIn('sum by (service, le) (rate(shanyu_rpc_client_duration_seconds_bucket{outcome=~"a|b"}[5m])) / on(service) group_left up')).toEqual([
      'shanyu_rpc_client_duration_seconds_bucket',
      'up',
    ]);
  });
});
