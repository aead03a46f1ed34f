import { prometheusSample } from '@shanyu/testing';
import { describe, expect, it } from 'vitest';
import { MetricNames, ServiceMetrics, metricsFor, statusClass } from './metrics.js';
import { startMetricsServer } from './metrics-server.js';

describe('ServiceMetrics', () => {
  it('labels every series with the service and reads state gauges from their sources at scrape time', async () => {
    const metrics = new ServiceMetrics('registry', { defaultMetrics: false });
    metrics.rpcServerDuration.observe({ subject: 'registry.institution.get', outcome: 'ok' }, 0.02);
    let backlog = 3;
    const remove = metrics.addOutboxSource(async () => ({ backlog, oldestAgeSeconds: 42.5 }));
    metrics.addConsumerSource('registry-calendar', async () => 7);
    metrics.addPoolSource(() => ({ total: 4, idle: 3, waiting: 1 }));
    metrics.deadLetters.inc({ consumer: 'registry-calendar' });

    let { body } = await metrics.expose();
    const service = 'registry';
    expect(prometheusSample(body, 'shanyu_rpc_server_duration_seconds_count', { subject: 'registry.institution.get', outcome: 'ok', service })).toBe(1);
    expect(prometheusSample(body, 'shanyu_outbox_backlog', { service })).toBe(3);
    expect(prometheusSample(body, 'shanyu_outbox_oldest_age_seconds', { service })).toBe(42.5);
    expect(prometheusSample(body, 'shanyu_consumer_pending', { consumer: 'registry-calendar', service })).toBe(7);
    expect(prometheusSample(body, 'shanyu_db_pool_connections', { state: 'waiting', service })).toBe(1);
    expect(prometheusSample(body, 'shanyu_db_pool_connections', { state: 'total', service })).toBe(4);
    expect(prometheusSample(body, 'shanyu_dead_letters_total', { consumer: 'registry-calendar', service })).toBe(1);

    backlog = 0;
    ({ body } = await metrics.expose());
    expect(prometheusSample(body, 'shanyu_outbox_backlog', { service })).toBe(0);
    remove();
    ({ body } = await metrics.expose());
    expect(prometheusSample(body, 'shanyu_outbox_backlog', { service })).toBeNaN();
  });

  it('a failing source leaves its gauge unknown (NaN or no sample) instead of failing the scrape', async () => {
    const metrics = new ServiceMetrics('staff', { defaultMetrics: false });
    metrics.addOutboxSource(async () => {
      throw new Error('database down');
    });
    metrics.addConsumerSource('staff-x', async () => {
      throw new Error('nats down');
    });
    const { body } = await metrics.expose();
    expect(body).toContain(`# TYPE ${MetricNames.outboxBacklog} gauge`);
    expect(prometheusSample(body, 'shanyu_outbox_backlog', { service: 'staff' })).toBeNaN();
    expect(body).not.toMatch(/^shanyu_consumer_pending\{/m);
  });

  it('one registry per service name in a process, with the default process metrics', async () => {
    expect(metricsFor('credit')).toBe(metricsFor('credit'));
    expect(metricsFor('credit')).not.toBe(metricsFor('subsidy'));
    expect((await metricsFor('credit').expose()).body).toMatch(/^process_cpu_seconds_total\{service="credit"\}/m);
    expect([200, 204, 404, 503].map(statusClass)).toEqual(['2xx', '2xx', '4xx', '5xx']);
  });

  it('the metrics listener serves GET /metrics and nothing else', async () => {
    const metrics = new ServiceMetrics('inspection', { defaultMetrics: false });
    const server = await startMetricsServer(metrics, 0, '127.0.0.1');
    try {
      const ok = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toContain('# TYPE shanyu_rpc_client_duration_seconds histogram');
      expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
