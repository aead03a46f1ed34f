import type {
  CareForm,
  DemonstrationRecord,
  InclusiveStatus,
  InstitutionNature,
  InstitutionStatus,
  InstitutionView,
  OperatorType,
  PlacesByClass,
} from '@shanyu/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

const decimal = { to: (v?: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** 托育机构 as registered (登记); filing (备案) and statuses build on it. */
@Entity({ name: 'institution' })
export class Institution {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'char', length: 18, unique: true })
  uscc: string;

  @Column({ type: 'text' })
  nature: InstitutionNature;

  @Column({ type: 'text', name: 'operator_type' })
  operatorType: OperatorType;

  @Column({ type: 'text', array: true, name: 'care_forms' })
  careForms: CareForm[];

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'char', length: 6, name: 'county_code' })
  countyCode: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'int' })
  floor: number;

  @Column({ type: 'numeric', precision: 10, scale: 2, name: 'building_area_m2', transformer: decimal })
  buildingAreaM2: number;

  @Column({ type: 'numeric', precision: 10, scale: 2, name: 'outdoor_area_m2', transformer: decimal })
  outdoorAreaM2: number;

  @Column({ type: 'jsonb' })
  places: PlacesByClass;

  @Column({ type: 'text' })
  status: InstitutionStatus;

  /** 登记日期: from this day it counts as operating (indicators of past months). */
  @Column({ type: 'date', name: 'registered_on' })
  registeredOn: string;

  /** 注销: the day it stopped operating. */
  @Column({ type: 'date', name: 'deregistered_on', nullable: true })
  deregisteredOn: string | null;

  @Column({ type: 'text', name: 'receipt_no', nullable: true })
  receiptNo: string | null;

  @Column({ type: 'jsonb', nullable: true })
  inclusive: InclusiveStatus | null;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  demonstrations: DemonstrationRecord[];

  /** 信用等级 from the credit service's events; null until graded (counts as B). */
  @Column({ type: 'char', length: 1, name: 'credit_grade', nullable: true })
  creditGrade: 'A' | 'B' | 'C' | 'D' | null;

  /** The operator account that registered it, when an operator did. */
  @Column({ type: 'text', name: 'owner_user_id', nullable: true })
  ownerUserId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  get totalPlaces(): number {
    const p = this.places;
    return p.infant + p.toddler + p.older + p.mixed;
  }

  toView(): InstitutionView {
    const p = this.places;
    return {
      id: this.id,
      name: this.name,
      uscc: this.uscc,
      nature: this.nature,
      registrationAuthority: registrationAuthorityFor(this.nature),
      operatorType: this.operatorType,
      careForms: this.careForms,
      divisionCode: this.divisionCode,
      countyCode: this.countyCode,
      address: this.address,
      floor: this.floor,
      buildingAreaM2: this.buildingAreaM2,
      outdoorAreaM2: this.outdoorAreaM2,
      places: { infant: p.infant, toddler: p.toddler, older: p.older, mixed: p.mixed },
      totalPlaces: this.totalPlaces,
      status: this.status,
      registeredOn: this.registeredOn,
      deregisteredOn: this.deregisteredOn ?? null,
      receiptNo: this.receiptNo ?? null,
      inclusive: this.inclusive ?? null,
      demonstrations: this.demonstrations ?? [],
      ownerUserId: this.ownerUserId ?? null,
      version: this.version,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }
}

/** For-profit → 市场监管, non-profit → 民政/编办 (西政办函〔2021〕15号 §二(四)1). */
export function registrationAuthorityFor(nature: InstitutionNature): 'market' | 'civil' {
  return nature === 'for_profit' ? 'market' : 'civil';
}
