import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ensureStackSecrets } from './stack-secrets.js';

/**
 * Parses the environment once into a typed, validated class; a bad variable stops the
 * process at start with a message naming it (the immich / twenty pattern).
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(schema, env, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`配置有误 (invalid configuration):\n${lines.join('\n')}`);
  }
  return config;
}

/**
 * What a service's main() uses: loadConfig, then, when SHANYU_MODE is production, the refusal of
 * demo secrets and missing keys (refuseDemoSecrets).
 */
export function loadServiceConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = loadConfig(schema, withDemoStackSecrets(schema, env));
  if ((config as { SHANYU_MODE?: unknown }).SHANYU_MODE === 'production') refuseDemoSecrets(schema, config as Record<string, unknown>);
  return config;
}

/**
 * A demo or test stack given SHANYU_SECRETS_FILE (the compose demo) takes each secret its config
 * class marks @ProductionSecret and the environment leaves empty from that file, made on the
 * stack's first start (ensureStackSecrets). Production never does: it must be given its own.
 */
function withDemoStackSecrets(schema: new () => object, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = env.SHANYU_SECRETS_FILE?.trim();
  if (!file || (env.SHANYU_MODE !== 'demo' && env.SHANYU_MODE !== 'test')) return env;
  const secrets = ensureStackSecrets(file) as Record<string, string | undefined>;
  const filled = { ...env };
  for (const name of productionSecretsOf(schema).keys()) {
    if (!filled[name] && secrets[name]) filled[name] = secrets[name];
  }
  return filled;
}

/**
 * Values published in this repository (README, docker-compose.yml, demo and test stacks): a
 * production start refuses any of them as a secret. Tests check that the gateway's
 * DEMO_JWT_SECRET and common's DEMO_PII_KEY are listed.
 */
export const KNOWN_DEMO_SECRETS: readonly string[] = [
  'shanyu-demo-jwt-secret-not-for-production-use', // gateway DEMO_JWT_SECRET
  'c2hhbnl1LWRlbW8tcGlpLWtleS1ub3Qtc2VjcmV0ISE=', // DEMO_PII_KEY (pii.ts)
  'shanyu-demo', // demo accounts' default password; docker-compose.yml's default POSTGRES_PASSWORD
];

/** A published demo value: one of KNOWN_DEMO_SECRETS, or any value starting `shanyu-demo` (docker-compose.yml's NATS passwords `shanyu-demo-nats-<user>`). */
export function isDemoSecret(value: string): boolean {
  return KNOWN_DEMO_SECRETS.includes(value) || value.startsWith('shanyu-demo');
}

/** Secrets every service may be given whether or not its class marks them: refused in production when a demo value. */
const ALWAYS_CHECKED: ReadonlyMap<string, ProductionSecretOptions> = new Map([['NATS_PASSWORD', { required: false }]]);

export interface ProductionSecretOptions {
  /** Must be set in production (default true); when false, only a demo value is refused. */
  required?: boolean;
  /** How to make one, shown in the message. */
  hint?: string;
}

const productionSecrets = new WeakMap<object, Map<string, ProductionSecretOptions>>();

/** Marks a config setting as a secret: in production it must be set (unless optional) and must not be a demo value. */
export function ProductionSecret(options: ProductionSecretOptions = {}): PropertyDecorator {
  return (target, property) => {
    const ctor = target.constructor;
    const own = new Map(productionSecrets.get(ctor) ?? []);
    own.set(String(property), options);
    productionSecrets.set(ctor, own);
  };
}

/** The settings of a config class (and the classes it extends) marked @ProductionSecret (for the configuration document and tests). */
export function productionSecretsOf(schema: new () => object): ReadonlyMap<string, ProductionSecretOptions> {
  const parent = Object.getPrototypeOf(schema) as (new () => object) | null;
  const inherited = parent && parent !== Function.prototype ? productionSecretsOf(parent) : new Map<string, ProductionSecretOptions>();
  return new Map([...inherited, ...(productionSecrets.get(schema) ?? [])]);
}

/**
 * A production start refuses demo secrets and missing keys, naming each variable (Chinese and
 * English): every @ProductionSecret setting, NATS_PASSWORD, and the password inside DATABASE_URL / NATS_URL.
 */
export function refuseDemoSecrets(schema: new () => object, config: Record<string, unknown>): void {
  const problems: string[] = [];
  for (const [name, options] of new Map([...ALWAYS_CHECKED, ...productionSecretsOf(schema)])) {
    const value = config[name];
    if (value === undefined || value === null || value === '') {
      if (options.required !== false)
        problems.push(`  ${name}: 生产模式必须设置 ${name}${options.hint ? `（${options.hint}）` : ''} / production mode needs ${name}`);
    } else if (isDemoSecret(String(value))) {
      problems.push(`  ${name}: 生产模式不能使用公开的演示值作为 ${name} / ${name} must not be a published demo value in production`);
    }
  }
  for (const name of ['DATABASE_URL', 'NATS_URL']) {
    const value = config[name];
    if (typeof value !== 'string') continue;
    for (const url of value.split(',')) {
      let password: string;
      try {
        password = decodeURIComponent(new URL(url.trim()).password);
      } catch {
        continue;
      }
      if (password && isDemoSecret(password)) {
        problems.push(`  ${name}: 生产模式不能使用演示密码（${name} 中的密码）/ the password in ${name} is a published demo value`);
        break;
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(`生产模式拒绝启动 (production start refused):\n${problems.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type RunMode = 'demo' | 'production' | 'test';
