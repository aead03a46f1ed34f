import { ConfigError } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { observabilityConfigFromEnv } from './config.js';

describe('observabilityConfigFromEnv', () => {
  it('defaults: no metrics listener, no export', () => {
    expect(observabilityConfigFromEnv({})).toEqual({ metricsPort: 0, metricsHost: '0.0.0.0', metricsToken: undefined, otlpEndpoint: undefined });
  });

  it('reads the port, host, token and OTLP endpoint', () => {
    expect(
      observabilityConfigFromEnv({
        METRICS_PORT: '9464',
        METRICS_HOST: '127.0.0.1',
        METRICS_TOKEN: 'a-long-metrics-token',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318',
      }),
    ).toEqual({ metricsPort: 9464, metricsHost: '127.0.0.1', metricsToken: 'a-long-metrics-token', otlpEndpoint: 'http://otel:4318' });
  });

  it('names each bad variable', () => {
    const bad = () => observabilityConfigFromEnv({ METRICS_PORT: '70000', METRICS_TOKEN: 'short', OTEL_EXPORTER_OTLP_ENDPOINT: 'otel:4318' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/METRICS_PORT[\s\S]*METRICS_TOKEN[\s\S]*OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it('refuses a published demo METRICS_TOKEN unless the stack is a demo or a test', () => {
    const demoToken = 'shanyu-demo-metrics-token';
    expect(() => observabilityConfigFromEnv({ METRICS_TOKEN: demoToken })).toThrow(/METRICS_TOKEN: 生产模式不能使用公开的演示值/);
    expect(() => observabilityConfigFromEnv({ METRICS_TOKEN: demoToken, SHANYU_MODE: 'production' })).toThrow(ConfigError);
    expect(observabilityConfigFromEnv({ METRICS_TOKEN: demoToken, SHANYU_MODE: 'demo' }).metricsToken).toBe(demoToken);
  });
});
