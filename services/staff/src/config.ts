import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsIdentityKey, ProductionSecret, type RunMode } from '@shanyu/common';

export class StaffConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** This service's NATS user and password (deploy/nats: one user per service, its subjects only); unset = no credentials. */
  @IsOptional() @IsString()
  NATS_USER?: string;

  @IsOptional() @IsString()
  NATS_PASSWORD?: string;

  /** The gateway's Ed25519 public key: every caller's identity token (header shanyu-identity) must verify against it. */
  @ProductionSecret({ hint: 'the public half printed by npm run admin -- identity-keys' })
  @IsOptional() @IsIdentityKey('public')
  IDENTITY_PUBLIC_KEY?: string;

  @IsOptional() @Matches(/^[a-z][a-z0-9_]*$/)
  STAFF_DB_SCHEMA: string = 'staff';

  @IsIn(['demo', 'production', 'test'])
  SHANYU_MODE: RunMode = 'production';

  /** 32 random bytes, base64: encrypts and keys the hash of resident ID numbers. Required in production. */
  @ProductionSecret({ hint: 'openssl rand -base64 32' })
  @IsOptional() @IsString()
  PII_KEY?: string;

  /** Older PII keys, comma-separated: they only decrypt values written before a rotation (docs/configuration.md); checked by resolvePiiKeys. */
  @IsOptional() @IsString()
  PII_PREVIOUS_KEYS?: string;

  /** Master key of the matching hash (default PII_KEY): keep it when rotating PII_KEY so stored hashes stay valid; checked by resolvePiiKeys. */
  @IsOptional() @IsString()
  PII_MATCH_KEY?: string;

  /** How often reminders (expiring credentials, overdue re-checks) are swept; 0 turns the sweep off. */
  @IsInt() @Min(0) @Max(7 * 24 * 3600 * 1000)
  STAFF_REMINDER_INTERVAL_MS: number = 3600 * 1000;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt() @Min(100) @Max(120_000)
  RPC_TIMEOUT_MS: number = 5_000;
}
