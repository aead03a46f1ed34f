import { Type } from 'class-transformer';
import { IsOptional, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../contract.js';
import { IsDivisionCode } from '../validators.js';

@JSONSchema({ description: '指标 for a district (and each of its streets) as of the end of a month' })
export class IndicatorsRequest {
  @JSONSchema({ description: 'County (6 digits), street (9 digits), or a city (6 digits ending 00: its counties are listed)', example: '330106' })
  @IsDivisionCode()
  divisionCode: string;

  @JSONSchema({
    description:
      "YYYY-MM; default the current month. Figures are taken as they stood at the end of that month (today while it runs): registrations, filings, deregistrations and places in force then, and that month's rosters",
    example: '2026-11',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式必须是 YYYY-MM' })
  month?: string;

  @JSONSchema({ description: 'Target places per 1,000 residents for the supply gap (default 4.5, the national 2025 target; a district may set its own)' })
  @IsOptional()
  @Type(() => Number)
  @Min(0.1)
  @Max(50)
  targetPerThousand?: number;
}

export const IndicatorValue = t.Object(
  {
    key: t.String({ example: 'placesPer1000' }),
    label: t.String(),
    value: Nullable(t.Number(), { description: 'null when the data it needs is missing (no population loaded, a service unavailable)' }),
    unit: t.String(),
    numerator: t.Optional(t.Number()),
    denominator: t.Optional(t.Number()),
    definition: t.String(),
    source: t.String(),
    group: t.Optional(t.String({ description: "Dashboard section, e.g. 从业人员; absent for the register's own" })),
    filedOnlyOf: t.Optional(
      t.String({ description: 'A figure over filed (已备案) institutions only: the key of the figure over all operating institutions it stands beside' }),
    ),
  },
  { $id: 'IndicatorValue' },
);
export type IndicatorValue = Static<typeof IndicatorValue>;

export const SupplyDemand = t.Object(
  {
    residentPopulation: Nullable(t.Integer()),
    childrenUnder3: Nullable(t.Integer()),
    populationYear: Nullable(t.Integer()),
    places: t.Integer({ description: 'Places of all operating institutions (registered, not deregistered), 幼儿园托班 included' }),
    filedPlaces: t.Integer({ description: 'Of which in filed (已备案) institutions' }),
    kindergartenPlaces: t.Integer({ description: 'Of which in kindergartens (幼儿园托班)' }),
    inclusivePlaces: t.Integer(),
    targetPerThousand: t.Number(),
    targetPlaces: Nullable(t.Integer()),
    gap: Nullable(t.Integer(), { description: 'Places missing to reach the target; 0 when it is met, null without population' }),
  },
  { $id: 'SupplyDemand' },
);
export type SupplyDemand = Static<typeof SupplyDemand>;

export const DivisionIndicators = t.Object(
  {
    divisionCode: t.String(),
    divisionName: t.String(),
    level: StringEnum(['province', 'city', 'county', 'street']),
    indicators: t.Array(IndicatorValue),
    supply: SupplyDemand,
  },
  { $id: 'DivisionIndicators' },
);
export type DivisionIndicators = Static<typeof DivisionIndicators>;

export const IndicatorsView = t.Object(
  {
    divisionCode: t.String(),
    month: t.String(),
    asOf: t.String({ format: 'date-time' }),
    divisions: t.Array(DivisionIndicators, { description: 'The division asked for first, then its streets (of a city: its counties)' }),
  },
  { $id: 'IndicatorsView' },
);
export type IndicatorsView = Static<typeof IndicatorsView>;

/**
 * A service's indicators per division (`<service>.indicators.compute`), merged by the gateway into
 * IndicatorsView (the registry's is the base).
 */
export const IndicatorContribution = t.Object(
  {
    divisions: t.Array(t.Object({ divisionCode: t.String(), indicators: t.Array(IndicatorValue) })),
  },
  { $id: 'IndicatorContribution' },
);
export type IndicatorContribution = Static<typeof IndicatorContribution>;
