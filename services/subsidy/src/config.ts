import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PersonalDataServiceConfig } from '@shanyu/common';

export class SubsidyConfig extends PersonalDataServiceConfig {
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  SUBSIDY_DB_SCHEMA: string = 'subsidy';

  /** Roster entries a run computes per transaction (a crash loses at most one batch of work, never doubles it). */
  @IsInt()
  @Min(1)
  @Max(100_000)
  SUBSIDY_RUN_BATCH_SIZE: number = 5_000;

  /** How long a worker's claim on a computing run lasts without renewal; another instance resumes the run after it. */
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  SUBSIDY_RUN_LEASE_MS: number = 30_000;

  /** Load the built-in policies (src/policies/builtin-policies.data.ts) at start: on, or off for a blank installation. */
  @IsIn(['on', 'off'])
  SUBSIDY_BUILTIN_POLICIES: 'on' | 'off' = 'on';
}
