import type { EntityManager } from 'typeorm';
import type { BanFact, CheckFact } from '../domain/vetting.js';
import { Ban, RecordCheck } from './vetting.entities.js';

/** The bans and record checks of a person, oldest check first. */
export async function vettingFacts(manager: EntityManager, personId: string): Promise<{ bans: BanFact[]; checks: CheckFact[] }> {
  const bans = await manager.getRepository(Ban).find({ where: { personId }, order: { createdAt: 'ASC' } });
  const checks = await manager.getRepository(RecordCheck).find({ where: { personId }, order: { checkedOn: 'ASC', createdAt: 'ASC' } });
  return {
    bans: bans.map((b) => ({ id: b.id, kind: b.kind, startsOn: b.startsOn, endsOn: b.endsOn })),
    checks: checks.map((c) => ({ id: c.id, result: c.result, checkedOn: c.checkedOn })),
  };
}
