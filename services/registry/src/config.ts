import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsIdentityKey, ProductionSecret, type RunMode } from '@shanyu/common';

export class RegistryConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsIn(['demo', 'production', 'test'])
  SHANYU_MODE?: RunMode = 'production';

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
  REGISTRY_DB_SCHEMA: string = 'registry';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt() @Min(100) @Max(120_000)
  RPC_TIMEOUT_MS: number = 5_000;
}
