import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PersonalDataServiceConfig } from '@shanyu/common';

export class StaffConfig extends PersonalDataServiceConfig {
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]*$/)
  STAFF_DB_SCHEMA: string = 'staff';

  /** How often reminders (expiring credentials, overdue re-checks) are swept; 0 turns the sweep off. */
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600 * 1000)
  STAFF_REMINDER_INTERVAL_MS: number = 3600 * 1000;
}
