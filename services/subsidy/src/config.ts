import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsIdentityKey, ProductionSecret, type RunMode } from '@shanyu/common';

export class SubsidyConfig {
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
  SUBSIDY_DB_SCHEMA: string = 'subsidy';

  @IsIn(['demo', 'production', 'test'])
  SHANYU_MODE: RunMode = 'production';

  /** 32 random bytes, base64: keys the hash of children's ID numbers (the pseudonymous child key). Required in production. */
  @ProductionSecret({ hint: 'openssl rand -base64 32' })
  @IsOptional() @IsString()
  PII_KEY?: string;

  /** Older PII keys, comma-separated: they only decrypt values written before a rotation (docs/configuration.md); checked by resolvePiiKeys. */
  @IsOptional() @IsString()
  PII_PREVIOUS_KEYS?: string;

  /** Master key of the matching hash (default PII_KEY): keep it when rotating PII_KEY so stored hashes stay valid; checked by resolvePiiKeys. */
  @IsOptional() @IsString()
  PII_MATCH_KEY?: string;

  /** Roster entries a run computes per transaction (a crash loses at most one batch of work, never doubles it). */
  @IsInt() @Min(1) @Max(100_000)
  SUBSIDY_RUN_BATCH_SIZE: number = 5_000;

  /** How long a worker's claim on a computing run lasts without renewal; another instance resumes the run after it. */
  @IsInt() @Min(200) @Max(3_600_000)
  SUBSIDY_RUN_LEASE_MS: number = 30_000;

  /** Load the built-in policies (src/policies/builtin-policies.data.ts) at start: on, or off for a blank installation. */
  @IsIn(['on', 'off'])
  SUBSIDY_BUILTIN_POLICIES: 'on' | 'off' = 'on';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt() @Min(100) @Max(120_000)
  RPC_TIMEOUT_MS: number = 5_000;
}
