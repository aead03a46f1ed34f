import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { ACTOR_TOKEN_TTL_SECONDS, BaseServiceConfig, ConfigError, IsIdentityKey, ProductionSecret } from '@shanyu/common';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-limiter.js';
import { DEFAULT_JSON_BODY_LIMITS, type JsonBodyLimits } from './http/body-limits.js';

export const DEMO_JWT_SECRET = 'shanyu-demo-jwt-secret-not-for-production-use';

export class GatewayConfig extends BaseServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  /** Signs login tokens (HS256); at least 32 characters, e.g. openssl rand -base64 48. Required in production. */
  @ProductionSecret({ hint: 'openssl rand -base64 48' })
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS: number = 8 * 3600;

  /**
   * Signs identity tokens for NATS requests (Ed25519 private key, PEM or base64 PKCS#8 DER); the
   * services get its public half as IDENTITY_PUBLIC_KEY. `npm run admin -- identity-keys` makes a pair.
   */
  @ProductionSecret({ hint: 'npm run admin -- identity-keys' })
  @IsOptional()
  @IsIdentityKey('private')
  IDENTITY_SIGNING_KEY?: string;

  /** How long an identity token lasts: a service cannot ask whether its principal was revoked since. */
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(3600)
  IDENTITY_TOKEN_TTL_SECONDS?: number = ACTOR_TOKEN_TTL_SECONDS;

  @IsString()
  @MinLength(8)
  SHANYU_DEMO_PASSWORD: string = 'shanyu-demo';

  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  GATEWAY_DB_SCHEMA: string = 'gateway';

  /** Base URL printed on documents (the receipt QR code); default http://HOST:PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /** Failed logins per username within LOGIN_WINDOW_SECONDS that lock the account (429 ACCOUNT_LOCKED). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  LOGIN_MAX_FAILURES?: number = 5;

  /**
   * Failed logins from one client address within the window after which that address may no longer
   * retry a username that has already failed from it (429 TOO_MANY_LOGIN_ATTEMPTS); a username
   * without failures from there is still checked, so a correct password is never refused for others' failures.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_IP_MAX_FAILURES?: number = 20;

  /** Failed logins of a username after which each next attempt must wait 1 s, 2 s, 4 s … (429 LOGIN_DELAYED); 0 = no delays. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000)
  LOGIN_DELAY_AFTER_FAILURES?: number = 2;

  /** The longest of those waits, in seconds. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3_600)
  LOGIN_DELAY_MAX_SECONDS?: number = 60;

  /** The sliding window of the login limits, in seconds (15 minutes). */
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(7 * 24 * 3600)
  LOGIN_WINDOW_SECONDS?: number = 900;

  /**
   * Whether to take the client address from X-Forwarded-For (behind a load balancer or ingress):
   * `false` (default), `true` (trust every hop), or comma-separated proxy addresses / CIDRs.
   */
  @IsOptional()
  @Matches(/^(true|false|[0-9a-fA-F.:/,\s]+)$/, { message: 'TRUST_PROXY must be true, false or proxy addresses / CIDRs' })
  TRUST_PROXY?: string = 'false';

  /** Where evidence files (inspection photos) are kept, content-addressed; default .data/evidence under the working directory. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  EVIDENCE_DIR?: string;

  /** The built web app served at / (default: web/dist of the repository); pages are not served when it is missing. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  WEB_DIST_DIR?: string;

  /** Largest request body in bytes (413 PAYLOAD_TOO_LARGE); uploads (.xlsx, photos, CSV) have their own limits. */
  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(100_000_000)
  BODY_MAX_BYTES?: number = 1_000_000;

  /** Deepest nesting of objects and arrays in a JSON body (deeper: 413 BODY_TOO_COMPLEX, checked before the body is parsed). */
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(1_000)
  BODY_MAX_DEPTH?: number = 32;

  /** Most keys of one object in a JSON body (413 BODY_TOO_COMPLEX). */
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  BODY_MAX_OBJECT_KEYS?: number = 500;

  /** Most keys of all objects of a JSON body together (413 BODY_TOO_COMPLEX). */
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(10_000_000)
  BODY_MAX_KEYS?: number = 100_000;

  /** Longest string (key or value) in a JSON body, in characters (413 BODY_TOO_COMPLEX). */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(100_000_000)
  BODY_MAX_STRING_LENGTH?: number = 10_000;

  /** Most items of one array in a JSON body (413 BODY_TOO_COMPLEX). */
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(10_000_000)
  BODY_MAX_ARRAY_LENGTH?: number = 10_000;

  /** Services whose ping /health checks. */
  @IsString()
  HEALTH_SERVICES: string = 'registry,staff,credit,inspection,subsidy';
}

/** The identity signing key, which the gateway and the admin CLI's service calls cannot do without. */
export function requireIdentitySigningKey(config: GatewayConfig): string {
  if (!config.IDENTITY_SIGNING_KEY) {
    throw new ConfigError(
      '缺少 IDENTITY_SIGNING_KEY（身份令牌签名私钥；npm run admin -- identity-keys 生成一对）/ IDENTITY_SIGNING_KEY is required to call the services',
    );
  }
  return config.IDENTITY_SIGNING_KEY;
}

/** The login limits of LOGIN_*. */
export function loginLimits(config: GatewayConfig): LoginLimits {
  const d = DEFAULT_LOGIN_LIMITS;
  return {
    maxFailuresPerUser: config.LOGIN_MAX_FAILURES ?? d.maxFailuresPerUser,
    maxFailuresPerIp: config.LOGIN_IP_MAX_FAILURES ?? d.maxFailuresPerIp,
    windowSeconds: config.LOGIN_WINDOW_SECONDS ?? d.windowSeconds,
    delayAfterFailures: config.LOGIN_DELAY_AFTER_FAILURES ?? d.delayAfterFailures,
    maxDelaySeconds: config.LOGIN_DELAY_MAX_SECONDS ?? d.maxDelaySeconds,
  };
}

/** The JSON body limits of BODY_MAX_*. */
export function jsonBodyLimits(config: GatewayConfig): JsonBodyLimits {
  const d = DEFAULT_JSON_BODY_LIMITS;
  return {
    maxBytes: config.BODY_MAX_BYTES ?? d.maxBytes,
    maxDepth: config.BODY_MAX_DEPTH ?? d.maxDepth,
    maxObjectKeys: config.BODY_MAX_OBJECT_KEYS ?? d.maxObjectKeys,
    maxTotalKeys: config.BODY_MAX_KEYS ?? d.maxTotalKeys,
    maxStringLength: config.BODY_MAX_STRING_LENGTH ?? d.maxStringLength,
    maxArrayLength: config.BODY_MAX_ARRAY_LENGTH ?? d.maxArrayLength,
  };
}

/** Fastify's trustProxy from TRUST_PROXY. */
export function trustProxyOption(value: string | undefined): boolean | string[] {
  const v = (value ?? 'false').trim();
  if (v === 'true' || v === 'false') return v === 'true';
  return v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** A production start refuses to run with demo or missing secrets; no mode signs with the published demo secret. */
export function resolveJwtSecret(config: GatewayConfig): string {
  if (config.SHANYU_MODE === 'production') {
    if (!config.JWT_SECRET || config.JWT_SECRET === DEMO_JWT_SECRET) {
      throw new ConfigError('生产模式必须设置 JWT_SECRET（至少 32 个字符，且不能是演示密钥）/ production mode needs a real JWT_SECRET');
    }
    return config.JWT_SECRET;
  }
  // Never the published demo value: a token forged with it would be accepted. Without a secret, this
  // process signs with its own (logins end at a restart; a second replica needs a shared JWT_SECRET).
  if (config.JWT_SECRET && config.JWT_SECRET !== DEMO_JWT_SECRET) return config.JWT_SECRET;
  return randomBytes(48).toString('base64');
}
