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

  @JSONSchema({
    description:
      "Target places per 1,000 residents for the supply gap, to try another figure; default the division's 每千人口托位数 target in force (发展目标: the national 4.5, or a lower level's own)",
  })
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
    targetPerThousand: Nullable(t.Number(), {
      description:
        "The 每千人口托位数 target in force for the division (its targets' placesPer1000), or the request's targetPerThousand; null when none is in force",
    }),
    targetPlaces: Nullable(t.Integer()),
    gap: Nullable(t.Integer(), { description: 'Places missing to reach the target; 0 when it is met, null without population' }),
  },
  { $id: 'SupplyDemand' },
);
export type SupplyDemand = Static<typeof SupplyDemand>;

export const IndicatorTarget = t.Object(
  {
    indicatorKey: t.String({ description: 'The indicator the target is set for (IndicatorValue.key)', example: 'placesPer1000' }),
    label: t.String({ example: '每千人口托位数' }),
    direction: StringEnum(['atLeast', 'atMost'] as const, { description: 'atLeast: the figure should reach the value; atMost: stay at or below it' }),
    value: t.Number({ example: 4.6 }),
    unit: t.String({ example: '个/千人' }),
    byYear: Nullable(t.Integer(), { description: 'The year the target is to be reached by; null: a standing target' }),
    actual: Nullable(t.Number(), { description: "The division's figure for the month (null: the platform does not hold it, or its data is missing)" }),
    met: Nullable(t.Boolean(), { description: 'Whether the figure meets the target; null without a figure' }),
    rule: t.Object(
      {
        key: t.String(),
        documentKey: t.String(),
        version: t.String(),
        jurisdiction: t.String(),
        jurisdictionName: t.String({ example: '浙江省杭州市拱墅区' }),
        source: t.String({ description: 'Title, 文号 and article of the documents the target comes from' }),
      },
      { description: 'The 发展目标 rule in force (family target) the target comes from' },
    ),
  },
  { $id: 'IndicatorTarget' },
);
export type IndicatorTarget = Static<typeof IndicatorTarget>;

export const DivisionIndicators = t.Object(
  {
    divisionCode: t.String(),
    divisionName: t.String(),
    level: StringEnum(['province', 'city', 'county', 'street']),
    indicators: t.Array(IndicatorValue),
    supply: SupplyDemand,
    targets: t.Array(IndicatorTarget, {
      description: 'The development targets (发展目标, rule family target) in force for the division at the end of the month, each judged against its figure',
    }),
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
    comparison: Nullable(DivisionIndicators, {
      description:
        'The figures of the city the division lies in (全市), counted over all its institutions the same way, to compare the division with; null when a city or province is asked for',
    }),
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
