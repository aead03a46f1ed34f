import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsIdentityKey } from './actor-token.js';
import { ProductionSecret, type RunMode } from './config.js';

/**
 * The settings every process reads the same way; each service's config class extends one of
 * these and adds its own (its schema, its intervals). Their meanings are documented once, with
 * the configuration document's shared settings.
 */
export class BaseServiceConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsIn(['demo', 'production', 'test'])
  SHANYU_MODE: RunMode = 'production';

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsOptional()
  @IsString()
  NATS_USER?: string;

  @IsOptional()
  @IsString()
  NATS_PASSWORD?: string;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt()
  @Min(100)
  @Max(120_000)
  RPC_TIMEOUT_MS: number = 5_000;
}

/** A service behind the gateway: it verifies every caller's identity token against the gateway's public key. */
export class ServiceConfig extends BaseServiceConfig {
  @ProductionSecret({ hint: 'the public half printed by npm run admin -- identity-keys' })
  @IsOptional()
  @IsIdentityKey('public')
  IDENTITY_PUBLIC_KEY?: string;
}

/** A service that keeps personal data (resident ID numbers, contacts) encrypted: the same keys in each. */
export class PersonalDataServiceConfig extends ServiceConfig {
  @ProductionSecret({ hint: 'openssl rand -base64 32' })
  @IsOptional()
  @IsString()
  PII_KEY?: string;

  @IsOptional()
  @IsString()
  PII_PREVIOUS_KEYS?: string;

  @IsOptional()
  @IsString()
  PII_MATCH_KEY?: string;
}
