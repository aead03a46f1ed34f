import type { PenaltyCircumstance, PenaltyItem, PenaltyKind, PenaltyView } from '@shanyu/contracts';
import type { DiscretionApplied } from './discretion.js';
import { InstitutionRecord } from '@shanyu/persistence';
import { Column, Entity } from 'typeorm';

const bigintAsNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** 行政处罚决定: which penalty item (and list version), kinds and fine, for which finding. */
@Entity({ name: 'penalty' })
export class Penalty extends InstitutionRecord {
  @Column({ type: 'uuid', name: 'finding_id' })
  findingId: string;

  @Column({ type: 'uuid', name: 'inspection_id' })
  inspectionId: string;

  @Column({ type: 'text' })
  department: string;

  @Column({ type: 'text', name: 'penalty_item_code' })
  penaltyItemCode: string;

  @Column({ type: 'jsonb', name: 'penalty_item' })
  penaltyItem: PenaltyItem;

  @Column({ type: 'text', name: 'checklist_version' })
  checklistVersion: string;

  @Column({ type: 'text', array: true })
  kinds: PenaltyKind[];

  @Column({ type: 'bigint', name: 'fine_fen', nullable: true, transformer: bigintAsNumber })
  fineFen: number | null;

  @Column({ type: 'bigint', name: 'basis_amount_fen', nullable: true, transformer: bigintAsNumber })
  basisAmountFen: number | null;

  @Column({ type: 'text', array: true })
  circumstances: PenaltyCircumstance[];

  /** The lawful range the fine was checked against (null without a fine, and for decisions made before ranges were kept). */
  @Column({ type: 'jsonb', name: 'fine_range', nullable: true })
  fineRange: { minFen: number; maxFen: number; article: string | null } | null;

  /** The 裁量基准 band the fine was checked against (null where none applied, and for decisions made before benchmarks). */
  @Column({ type: 'jsonb', nullable: true })
  discretion: DiscretionApplied | null;

  @Column({ type: 'text', name: 'decision_no' })
  decisionNo: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'date', name: 'issued_on' })
  issuedOn: string;

  @Column({ type: 'jsonb', name: 'issued_by' })
  issuedBy: { department: string; userId: string };

  toView(): PenaltyView {
    return {
      id: this.id,
      findingId: this.findingId,
      inspectionId: this.inspectionId,
      institutionId: this.institutionId,
      institutionName: this.institutionName,
      divisionCode: this.divisionCode,
      department: this.department,
      penaltyItemCode: this.penaltyItemCode,
      violation: this.penaltyItem.violation,
      legalBasis: this.penaltyItem.legalBasis,
      checklistVersion: this.checklistVersion,
      kinds: this.kinds,
      fineFen: this.fineFen,
      basisAmountFen: this.basisAmountFen,
      circumstances: this.circumstances,
      fineRange: this.fineRange,
      discretion: this.discretion ?? null,
      decisionNo: this.decisionNo,
      reason: this.reason,
      issuedOn: this.issuedOn,
    };
  }
}
