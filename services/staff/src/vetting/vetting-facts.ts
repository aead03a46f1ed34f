import type { EntityManager } from 'typeorm';
import type { BanFact, CheckFact } from '../domain/vetting.js';
import { Ban, RecordCheck } from './vetting.entities.js';

export interface VettingFacts {
  bans: BanFact[];
  checks: CheckFact[];
}

/** The bans and record checks of each person, oldest check first, with two queries; every person has an entry. */
export async function vettingFactsOf(manager: EntityManager, personIds: string[]): Promise<Map<string, VettingFacts>> {
  const out = new Map<string, VettingFacts>(personIds.map((id) => [id, { bans: [], checks: [] }]));
  if (!personIds.length) return out;
  const bans = await manager.getRepository(Ban).createQueryBuilder('b')
    .where('b.person_id = ANY(:ids)', { ids: personIds }).orderBy('b.createdAt', 'ASC').getMany();
  const checks = await manager.getRepository(RecordCheck).createQueryBuilder('c')
    .where('c.person_id = ANY(:ids)', { ids: personIds }).orderBy('c.checkedOn', 'ASC').addOrderBy('c.createdAt', 'ASC').getMany();
  for (const b of bans) out.get(b.personId)?.bans.push({ id: b.id, kind: b.kind, startsOn: b.startsOn, endsOn: b.endsOn });
  for (const c of checks) out.get(c.personId)?.checks.push({ id: c.id, result: c.result, checkedOn: c.checkedOn });
  return out;
}
