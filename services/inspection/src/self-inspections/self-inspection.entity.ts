import type { ItemResult, SelfInspectionView } from '@shanyu/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 举办者自查: the operator's own check against the lists (not counted as an inspection). */
@Entity({ name: 'self_inspection' })
export class SelfInspection {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'institution_id' })
  institutionId: string;

  @Column({ type: 'jsonb' })
  results: { itemCode: string; result: ItemResult; note: string | null }[];

  @Column({ type: 'timestamptz', name: 'submitted_at' })
  submittedAt: Date;

  @Column({ type: 'jsonb', name: 'submitted_by' })
  submittedBy: { department: string; userId: string };

  toView(): SelfInspectionView {
    const count = (r: ItemResult) => this.results.filter((x) => x.result === r).length;
    return {
      id: this.id,
      institutionId: this.institutionId,
      submittedAt: this.submittedAt.toISOString(),
      results: this.results,
      summary: { pass: count('pass'), fail: count('fail'), notApplicable: count('not_applicable') },
    };
  }
}
