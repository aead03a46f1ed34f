import type { PlanView } from '@shanyu/contracts';
import type { EntityManager } from 'typeorm';
import { Inspection } from '../inspections/inspection.entity.js';
import type { InspectionPlan } from './plan.entity.js';

/** The plan as shown (also publicly): the seed stays hidden until the draw reveals it. */
export async function planView(manager: EntityManager, plan: InspectionPlan): Promise<PlanView> {
  let inspections = new Map<string, string>();
  if (plan.status === 'drawn') {
    const rows = await manager.getRepository(Inspection).find({ select: { id: true, institutionId: true }, where: { planId: plan.id } });
    inspections = new Map(rows.map((r) => [r.institutionId, r.id]));
  }
  return {
    id: plan.id,
    title: plan.title,
    divisionCode: plan.divisionCode,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    departments: plan.departments,
    status: plan.status,
    policyVersion: plan.policyVersion,
    seedCommitment: plan.seedCommitment,
    seed: plan.status === 'drawn' ? plan.seed : null,
    publicEntropy: plan.publicEntropy,
    poolHash: plan.poolHash,
    drawInput: plan.drawInput,
    names: plan.names,
    excluded: plan.excluded,
    result: plan.result ? { institutions: plan.result.map((r) => ({ ...r, inspectionId: inspections.get(r.institutionId) ?? null })) } : null,
    committedAt: plan.committedAt.toISOString(),
    drawnAt: plan.drawnAt?.toISOString() ?? null,
  };
}
