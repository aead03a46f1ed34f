import { Type } from 'class-transformer';
import { IsOptional, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { IsDivisionCode } from '../validators.js';

@JSONSchema({ description: '指标 for a district (and each of its streets) as of the end of a month' })
export class IndicatorsRequest {
  @JSONSchema({ description: 'County (6 digits) or street (9 digits)', example: '330106' })
  @IsDivisionCode()
  divisionCode: string;

  @JSONSchema({ description: 'YYYY-MM; default the current month', example: '2026-11' })
  @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式必须是 YYYY-MM' })
  month?: string;

  @JSONSchema({ description: 'Target places per 1,000 residents for the supply gap (default 4.5; Gongshu aims at 4.6 by 2025)' })
  @IsOptional() @Type(() => Number) @Min(0.1) @Max(50)
  targetPerThousand?: number;
}

export interface IndicatorValue {
  key: string;
  label: string;
  /** null when the data it needs is missing (e.g. no population loaded, service unavailable). */
  value: number | null;
  unit: string;
  numerator?: number;
  denominator?: number;
  definition: string;
  source: string;
  /** Which part of the dashboard it belongs to (e.g. 从业人员); absent for the register's own. */
  group?: string;
}

export interface SupplyDemand {
  residentPopulation: number | null;
  childrenUnder3: number | null;
  populationYear: number | null;
  places: number;
  inclusivePlaces: number;
  targetPerThousand: number;
  targetPlaces: number | null;
  /** Places missing to reach the target; 0 when it is met, null without population. */
  gap: number | null;
}

export interface DivisionIndicators {
  divisionCode: string;
  divisionName: string;
  level: 'county' | 'street';
  indicators: IndicatorValue[];
  supply: SupplyDemand;
}

export interface IndicatorsView {
  divisionCode: string;
  month: string;
  asOf: string;
  /** The division asked for first, then its streets. */
  divisions: DivisionIndicators[];
}


/**
 * Every service that contributes indicators answers `<service>.indicators.compute` with an
 * IndicatorsRequest body and replies `{ divisions: [{ divisionCode, indicators }] }`; the
 * gateway merges them by division into one IndicatorsView (the registry's is the base).
 */
export const indicatorsSubject = (service: string) => `${service}.indicators.compute`;

export interface IndicatorContribution {
  divisions: { divisionCode: string; indicators: IndicatorValue[] }[];
}
