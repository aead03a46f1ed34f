import { IsOptional, Matches } from 'class-validator';
import { ServiceConfig } from '@shanyu/common';

export class RegistryConfig extends ServiceConfig {
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  REGISTRY_DB_SCHEMA: string = 'registry';
}
