import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ServiceConfig } from '@shanyu/common';

export class CreditConfig extends ServiceConfig {
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  CREDIT_DB_SCHEMA: string = 'credit';

  /** How often standings are checked for the day's recomputation (decay, D trigger ends, new model versions); 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(24 * 3600 * 1000)
  CREDIT_SWEEP_INTERVAL_MS: number = 3600 * 1000;
}
