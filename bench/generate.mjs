// Seeded generator of a province-size register, loaded through the platform's own path (the
// registry's NATS subject, as a department system would call it). Same seed → same data set.
import { DIVISION_TABLE, makeUscc } from '../libs/common/dist/index.js';
import { seededRandom } from './lib/measure.mjs';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const STREETS = DIVISION_TABLE.filter((d) => d.level === 'street').map((d) => d.code);
const OPERATOR_TYPES = ['community', 'employer', 'private', 'kindergarten', 'family', 'growth_station'];
const CARE_FORMS = ['full_day', 'half_day', 'temporary', 'hourly'];

export function institutionAt(i, random) {
  const nature = random() < 0.7 ? 'for_profit' : 'non_profit';
  let body = nature === 'for_profit' ? '91' : '52';
  const street = STREETS[Math.floor(random() * STREETS.length)];
  body += street.slice(0, 6);
  const serial = i.toString(31).toUpperCase().padStart(9, '0').split('').map((c) => ALPHABET[parseInt(c, 31)]).join('');
  body += serial;
  const pick = (list) => list[Math.floor(random() * list.length)];
  return {
    name: `基准托育机构${String(i).padStart(6, '0')}`,
    uscc: makeUscc(body),
    nature,
    operatorType: pick(OPERATOR_TYPES),
    careForms: [pick(CARE_FORMS)],
    divisionCode: street,
    address: `基准地址 ${i} 号`,
    floor: 1 + Math.floor(random() * 3),
    buildingAreaM2: 150 + Math.floor(random() * 800),
    outdoorAreaM2: 20 + Math.floor(random() * 200),
    places: { infant: Math.floor(random() * 10), toddler: Math.floor(random() * 30), older: Math.floor(random() * 40), mixed: 0 },
  };
}

/** Registers `count` institutions with `concurrency` requests in flight; returns their ids. */
export async function generateInstitutions(rpc, count, { seed = 20261122, concurrency = 64 } = {}) {
  const random = seededRandom(seed);
  const bodies = Array.from({ length: count }, (_, i) => institutionAt(i, random));
  const actor = { department: 'admin', role: 'admin', userId: 'bench-loader', divisions: [] };
  const ids = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      ids[i] = (await rpc.request('registry.institution.register', bodies[i], { actor, timeoutMs: 30_000 })).id;
    }
  }));
  return { ids, perSecond: count / ((performance.now() - started) / 1000) };
}
