import { ConfigError, isDemoSecret } from '@shanyu/common';

export interface ObservabilityConfig {
  /** Port of the Prometheus listener (`GET /metrics`); 0 = none. */
  metricsPort: number;
  metricsHost: string;
  /** Set: the gateway also serves `/metrics` on its public port, behind this bearer token; unset: only the METRICS_PORT listener serves it. */
  metricsToken?: string;
  /** OTLP/HTTP base URL spans are sent to; unset = trace ids only, nothing exported. */
  otlpEndpoint?: string;
}

/**
 * METRICS_PORT, METRICS_HOST, METRICS_TOKEN and OTEL_EXPORTER_OTLP_ENDPOINT, read the same way by
 * every service; a bad value stops the start with a message naming the variable.
 */
export function observabilityConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ObservabilityConfig {
  const problems: string[] = [];
  const rawPort = env.METRICS_PORT?.trim();
  const metricsPort = rawPort ? Number(rawPort) : 0;
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65_535) {
    problems.push(`  METRICS_PORT: must be a port number from 0 (off) to 65535 (got "${rawPort}")`);
  }
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 16) problems.push('  METRICS_TOKEN: must be at least 16 characters');
  // SHANYU_MODE defaults to production in every service: only demo and test stacks may use a published value.
  if (metricsToken && isDemoSecret(metricsToken) && env.SHANYU_MODE !== 'demo' && env.SHANYU_MODE !== 'test') {
    problems.push('  METRICS_TOKEN: 生产模式不能使用公开的演示值 / must not be a published demo value in production');
  }
  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || undefined;
  if (otlpEndpoint && !/^https?:\/\/[^\s]+$/.test(otlpEndpoint)) {
    problems.push(`  OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL (got "${otlpEndpoint}")`);
  }
  if (problems.length) throw new ConfigError(`配置有误 (invalid configuration):\n${problems.join('\n')}`);
  return { metricsPort, metricsHost: env.METRICS_HOST?.trim() || '0.0.0.0', metricsToken, otlpEndpoint };
}
