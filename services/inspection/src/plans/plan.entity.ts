import type { GradeCounts } from '@shanyu/contracts';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { DrawInputHeader } from './plan-rows.js';

/** Counts kept on the plan so that views and lists never read the pool or the result. */
export interface PlanCounts {
  /** `unfiled`: of which registered institutions not yet filed (shanyu-draw/v2 plans). */
  pool: { institutions: number; byGrade: GradeCounts; unfiled?: number };
  result: { institutions: number; byGrade: GradeCounts; unfiled?: number } | null;
  excludedTotal: number;
  /** Sizes a page of drawn institutions (GetPlanDraws) without reading the draw input. */
  inspectorsPerDepartment: number;
}

/**
 * 双随机 plan: the committed seed and the draw input without its per-institution parts; the pool
 * and, after the draw, the result are rows of plan_pool and plan_draw (PlanRepository).
 */
@Entity({ name: 'inspection_plan' })
export class InspectionPlan {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'division_code' })
  divisionCode: string;

  @Column({ type: 'date', name: 'period_from' })
  periodFrom: string;

  @Column({ type: 'date', name: 'period_to' })
  periodTo: string;

  @Column({ type: 'text', array: true })
  departments: string[];

  @Column({ type: 'text' })
  status: 'committed' | 'drawn';

  @Column({ type: 'text', name: 'policy_version' })
  policyVersion: string;

  @Column({ type: 'jsonb', name: 'draw_input' })
  drawInput: DrawInputHeader;

  /** The inspectors' names (institutions' names are on their pool rows). */
  @Column({ type: 'jsonb' })
  names: { inspectors: Record<string, string> };

  @Column({ type: 'jsonb' })
  excluded: { institutionId: string; name: string; code: string; reason: string }[];

  @Column({ type: 'text', name: 'pool_hash' })
  poolHash: string;

  @Column({ type: 'text', name: 'seed_commitment' })
  seedCommitment: string;

  /** Secret until the draw: never shown while the plan is committed. */
  @Column({ type: 'text' })
  seed: string;

  @Column({ type: 'text', name: 'public_entropy', nullable: true })
  publicEntropy: string | null;

  @Column({ type: 'jsonb' })
  summary: PlanCounts;

  @Column({ type: 'timestamptz', name: 'committed_at' })
  committedAt: Date;

  @Column({ type: 'jsonb', name: 'committed_by' })
  committedBy: { department: string; userId: string };

  @Column({ type: 'timestamptz', name: 'drawn_at', nullable: true })
  drawnAt: Date | null;

  @Column({ type: 'jsonb', name: 'drawn_by', nullable: true })
  drawnBy: { department: string; userId: string } | null;

  @VersionColumn()
  version: number;
}
