import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class RegistryConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsString()
  NATS_URL: string = 'nats://127.0.0.1:4222';

  @IsOptional() @Matches(/^[a-z][a-z0-9_]*$/)
  REGISTRY_DB_SCHEMA: string = 'registry';

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  @IsInt() @Min(100) @Max(120_000)
  RPC_TIMEOUT_MS: number = 5_000;
}
