import { PageNumber, PageSize } from '../page-query.js';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { type Static, Type as t } from '@sinclair/typebox';
import { Described, Nullable, PageOf, StringEnum } from '../contract.js';
import { IsDivisionCode, IsIsoDate, ListOf } from '../validators.js';
import { CARE_FORMS, type CareForm, DemonstrationRecord, InstitutionView, OPERATOR_TYPES, type PlacesByClass } from './institution.contracts.js';
import { CREDIT_GRADES } from '../credit/credit.contracts.js';

@JSONSchema({ description: '普惠认定 grant or revoke (district health bureau; filed institutions only)' })
export class InclusiveBody {
  @IsIn(['grant', 'revoke'])
  action: 'grant' | 'revoke';

  @JSONSchema({ description: 'Approved monthly price cap per child in fen (普惠收费上限), when granting' })
  // Checked when granting, and whenever sent (an out-of-range value is refused, not silently ignored).
  @ValidateIf((o) => o.action === 'grant' || o.priceCapFen !== undefined)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  priceCapFen?: number;

  @JSONSchema({ description: "普惠托位数, when granting (≤ the institution's places)" })
  @ValidateIf((o) => o.action === 'grant' || o.inclusivePlaces !== undefined)
  @IsInt()
  @Min(1)
  @Max(10_000)
  inclusivePlaces?: number;

  @JSONSchema({ description: '认定文号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNo?: string;

  @JSONSchema({ description: 'Required when revoking' })
  @ValidateIf((o) => o.action === 'revoke' || o.reason !== undefined)
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason?: string;
}

export class InclusiveRequest extends InclusiveBody {
  @IsUUID()
  institutionId: string;
}

@JSONSchema({ description: '示范 designation for a year (district health bureau; filed institutions only)' })
export class DemonstrationBody {
  @IsInt()
  @Min(2019)
  @Max(2100)
  year: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNo?: string;
}

export class DemonstrationRequest extends DemonstrationBody {
  @IsUUID()
  institutionId: string;
}

@JSONSchema({ description: '注销 deregistration' })
export class DeregistrationBody {
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  reason: string;

  @JSONSchema({ description: 'Date the institution stopped operating (default today)' })
  @IsOptional()
  @IsIsoDate()
  effectiveOn?: string;
}

export class DeregistrationRequest extends DeregistrationBody {
  @IsUUID()
  institutionId: string;
}

export class InstitutionIdRequest {
  @IsUUID()
  institutionId: string;
}

@JSONSchema({ description: 'Public register filter (公示): filed institutions only' })
export class PublicInstitutionsRequest {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @JSONSchema({ description: 'true: 普惠 only; false: non-普惠 only' })
  @IsOptional()
  @IsIn(['true', 'false'])
  inclusive?: 'true' | 'false';

  @IsOptional()
  @IsIn(CARE_FORMS)
  careForm?: CareForm;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @PageNumber()
  page?: number = 1;

  @PageSize(100)
  pageSize?: number = 20;
}

export class PublicInstitutionRequest {
  @IsUUID()
  id: string;
}

@JSONSchema({ description: 'Resident population and children under 3 of a division in a year (for indicators)' })
export class PopulationRow {
  @IsDivisionCode()
  divisionCode: string;

  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @JSONSchema({ description: '常住人口' })
  @IsInt()
  @Min(0)
  @Max(200_000_000)
  residentPopulation: number;

  @JSONSchema({ description: '3 岁以下婴幼儿数' })
  @IsInt()
  @Min(0)
  @Max(20_000_000)
  childrenUnder3: number;

  @JSONSchema({ description: 'Where the figure comes from (统计公报, 公安户籍…)' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  source: string;
}

@JSONSchema({ description: 'Load population rows (admin or health); a row for the same division and year replaces it' })
export class LoadPopulationBody {
  @ListOf(() => PopulationRow, { min: 1, max: 10_000 })
  rows: PopulationRow[];
}

export class ListPopulationRequest {
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

/**
 * evt.registry.institution.deregistered.v1, inclusive.granted.v1 / revoked.v1 and
 * demonstration.designated.v1: the institution as it is now, and what the decision said.
 */
export const InstitutionStatusData = t.Object(
  {
    institution: InstitutionView,
    reason: t.Optional(t.String({ description: 'Deregistration, revocation: the reason given' })),
    effectiveOn: t.Optional(t.String({ format: 'date', description: 'Deregistration: the day it stopped operating' })),
    designation: t.Optional(DemonstrationRecord),
  },
  { $id: 'InstitutionStatusData' },
);
export type InstitutionStatusData = Static<typeof InstitutionStatusData>;

/** The reply of registry.population.load. */
export const PopulationLoadResult = t.Object({ loaded: t.Integer({ description: 'rows loaded' }) }, { $id: 'PopulationLoadResult' });
export type PopulationLoadResult = Static<typeof PopulationLoadResult>;

/** evt.registry.population.loaded.v1: the rows as loaded. */
export const PopulationLoadedData = t.Object(
  {
    rows: t.Array(
      t.Object({
        divisionCode: t.String(),
        year: t.Integer(),
        residentPopulation: t.Integer(),
        childrenUnder3: t.Integer(),
        source: t.String(),
      }),
    ),
  },
  { $id: 'PopulationLoadedData' },
);
export type PopulationLoadedData = Static<typeof PopulationLoadedData>;

/** What the public register shows of an institution: never personal data. */
export const PublicInstitutionView = t.Object(
  {
    id: t.String({ format: 'uuid' }),
    name: t.String(),
    address: t.String(),
    divisionCode: t.String(),
    divisionName: t.String(),
    operatorType: StringEnum(OPERATOR_TYPES),
    careForms: t.Array(StringEnum(CARE_FORMS)),
    places: Described<PlacesByClass>('PlacesByClass'),
    totalPlaces: t.Integer(),
    receiptNo: t.String(),
    filedOn: Nullable(t.String({ format: 'date' })),
    inclusive: Nullable(t.Object({ priceCapFen: t.Integer(), inclusivePlaces: t.Integer(), grantedOn: t.String({ format: 'date' }) })),
    demonstrationYears: t.Array(t.Integer()),
    creditGrade: Nullable(StringEnum(CREDIT_GRADES), {
      description:
        "信用等级 as the credit service publishes it (an institution without history: its model's start grade); null only while the credit service cannot be reached",
    }),
  },
  { $id: 'PublicInstitutionView' },
);
export type PublicInstitutionView = Static<typeof PublicInstitutionView>;

export const PublicInstitutionPage = PageOf(PublicInstitutionView, 'PublicInstitutionPage');
export type PublicInstitutionPage = Static<typeof PublicInstitutionPage>;

export const PopulationView = t.Object(
  {
    divisionCode: t.String(),
    divisionName: t.String(),
    year: t.Integer(),
    residentPopulation: t.Integer(),
    childrenUnder3: t.Integer(),
    source: t.String(),
    loadedAt: t.String({ format: 'date-time' }),
  },
  { $id: 'PopulationView' },
);
export type PopulationView = Static<typeof PopulationView>;

export const PopulationList = t.Array(PopulationView, { $id: 'PopulationList' });
