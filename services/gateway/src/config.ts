import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { ConfigError, type RunMode } from '@shanyu/common';

export const DEMO_JWT_SECRET = 'shanyu-demo-jwt-secret-not-for-production-use';

export class GatewayConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsInt() @Min(0) @Max(65_535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['demo', 'production', 'test'])
  SHANYU_MODE: RunMode = 'production';

  @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsInt() @Min(60) @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS: number = 8 * 3600;

  @IsString() @MinLength(8)
  SHANYU_DEMO_PASSWORD: string = 'shanyu-demo';

  @IsOptional() @Matches(/^[a-z][a-z0-9_]*$/)
  GATEWAY_DB_SCHEMA: string = 'gateway';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt() @Min(100) @Max(120_000)
  RPC_TIMEOUT_MS: number = 5_000;

  /** Base URL printed on documents (the receipt QR code); default http://HOST:PORT. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /** Services whose ping /health checks. */
  @IsString()
  HEALTH_SERVICES: string = 'registry,staff';
}

/** A production start refuses to run with demo or missing secrets. */
export function resolveJwtSecret(config: GatewayConfig): string {
  if (config.SHANYU_MODE === 'production') {
    if (!config.JWT_SECRET || config.JWT_SECRET === DEMO_JWT_SECRET) {
      throw new ConfigError('生产模式必须设置 JWT_SECRET（至少 32 个字符，且不能是演示密钥）/ production mode needs a real JWT_SECRET');
    }
    return config.JWT_SECRET;
  }
  return config.JWT_SECRET ?? DEMO_JWT_SECRET;
}
