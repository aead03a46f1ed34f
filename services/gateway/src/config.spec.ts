import 'reflect-metadata';
import { ConfigError, loadConfig } from '@shanyu/common';
import { describe, expect, it } from 'vitest';
import { DEMO_JWT_SECRET, GatewayConfig, resolveJwtSecret } from './config.js';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('gateway configuration', () => {
  it('parses types and defaults once', () => {
    const config = loadConfig(GatewayConfig, { ...base, PORT: '3100' });
    expect(config.PORT).toBe(3100);
    expect(config.SHANYU_MODE).toBe('production');
  });

  it('stops at start on a bad variable, naming it', () => {
    expect(() => loadConfig(GatewayConfig, { DATABASE_URL: 'mysql://x', PORT: 'abc' })).toThrow(/DATABASE_URL[\s\S]*PORT|PORT[\s\S]*DATABASE_URL/);
    expect(() => loadConfig(GatewayConfig, { ...base, JWT_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('refuses a production start without a real JWT secret', () => {
    expect(() => resolveJwtSecret(loadConfig(GatewayConfig, { ...base, SHANYU_MODE: 'production' }))).toThrow(ConfigError);
    expect(() => resolveJwtSecret(loadConfig(GatewayConfig, { ...base, SHANYU_MODE: 'production', JWT_SECRET: DEMO_JWT_SECRET }))).toThrow(ConfigError);
    const secret = 'a'.repeat(40);
    expect(resolveJwtSecret(loadConfig(GatewayConfig, { ...base, SHANYU_MODE: 'production', JWT_SECRET: secret }))).toBe(secret);
    // Demo mode never signs with the published value: without a secret (or given the demo one) it makes its own.
    const own = resolveJwtSecret(loadConfig(GatewayConfig, { ...base, SHANYU_MODE: 'demo' }));
    expect(own).not.toBe(DEMO_JWT_SECRET);
    expect(own.length).toBeGreaterThanOrEqual(32);
    expect(resolveJwtSecret(loadConfig(GatewayConfig, { ...base, SHANYU_MODE: 'demo', JWT_SECRET: DEMO_JWT_SECRET }))).not.toBe(DEMO_JWT_SECRET);
    expect(resolveJwtSecret(loadConfig(GatewayConfig, { ...base, SHANYU_MODE: 'demo', JWT_SECRET: secret }))).toBe(secret);
  });
});
