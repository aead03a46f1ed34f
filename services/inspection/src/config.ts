import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PersonalDataServiceConfig } from '@shanyu/common';

export class InspectionConfig extends PersonalDataServiceConfig {
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  INSPECTION_DB_SCHEMA: string = 'inspection';

  /** How often overdue findings are swept (evt.inspection.finding.overdue.v1); 0 turns the sweep off. */
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600 * 1000)
  INSPECTION_SWEEP_INTERVAL_MS: number = 3600 * 1000;
}
