import { randomUUID } from 'node:crypto';
import { maskResidentId, normalizeResidentId, type PiiCipher } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
import { Person } from './person.entity.js';
import { PersonRepository } from './person.repository.js';

/**
 * The only code that sees resident ID numbers in the clear: finds a person by the keyed hash,
 * creates one (encrypted, hashed, masked), and decrypts for the roles allowed to see it.
 */
export class ResidentIdVault {
  constructor(private readonly cipher: PiiCipher) {}

  hashOf(idNumber: string): string {
    return this.cipher.keyedHash(normalizeResidentId(idNumber));
  }

  /**
   * By the hash under PII_MATCH_KEY, else under an older key: after the match key is rotated, a
   * person recorded before `npm run admin -- pii-reencrypt` recomputed their hash is still found
   * (docs/configuration.md "Rotating the personal-data keys").
   */
  async find(manager: EntityManager, idNumber: string): Promise<Person | null> {
    const candidates = this.cipher.keyedHashCandidates(normalizeResidentId(idNumber));
    const found = await new PersonRepository(manager).byHashes(candidates);
    return found.find((p) => p.idHash === candidates[0]) ?? found[0] ?? null;
  }

  /** Locks, then returns the person with this ID number, recording them when new. */
  async findOrCreate(manager: EntityManager, idNumber: string, name: string): Promise<Person> {
    await this.lockMany(manager, [idNumber]);
    return (await this.findOrCreateMany(manager, [{ idNumber, name }]))[0]!;
  }

  /**
   * Locks the people's records for the rest of the transaction (by hash, so also people not yet
   * recorded): hiring, bans and record checks of one person happen one after another. One
   * statement, in the order of the lock keys, so two bulk hirings sharing people cannot deadlock.
   * Returns each ID number's current hash.
   */
  async lockMany(manager: EntityManager, idNumbers: string[]): Promise<string[]> {
    const hashes = idNumbers.map((n) => this.hashOf(n));
    await new PersonRepository(manager).lock(hashes);
    return hashes;
  }

  /**
   * `findOrCreate` for many distinct people (the caller holds their locks): one look-up by every
   * candidate hash, one insert of those not yet recorded, one update of those hashed under an
   * older match key. Returns the people in the order of `entries`.
   */
  async findOrCreateMany(manager: EntityManager, entries: { idNumber: string; name: string }[]): Promise<Person[]> {
    if (!entries.length) return [];
    const repo = new PersonRepository(manager);
    const normalized = entries.map((e) => normalizeResidentId(e.idNumber));
    const candidates = normalized.map((n) => this.cipher.keyedHashCandidates(n));
    const found = await repo.byHashes([...new Set(candidates.flat())]);
    const byHash = new Map(found.map((p) => [p.idHash, p]));
    const people: Person[] = [];
    const created: Person[] = [];
    const rehashed: Person[] = [];
    entries.forEach((entry, i) => {
      const [hash, ...older] = candidates[i]!;
      const existing = byHash.get(hash!) ?? older.map((h) => byHash.get(h)).find(Boolean);
      if (existing) {
        if (existing.idHash !== hash) {
          // Hashed under an older match key: brought to the current one here, as pii-reencrypt would.
          existing.idHash = hash!;
          rehashed.push(existing);
        }
        people.push(existing);
        return;
      }
      const id = randomUUID();
      const person = Object.assign(new Person(), {
        id,
        idHash: hash!,
        idCipher: this.cipher.encrypt(normalized[i]!, id),
        idMasked: maskResidentId(normalized[i]!),
        name: entry.name,
      });
      created.push(person);
      people.push(person);
    });
    await repo.rehash(rehashed);
    await repo.insertMany(created);
    return people;
  }

  reveal(person: Pick<Person, 'id' | 'idCipher'>): string {
    return this.cipher.decrypt(person.idCipher, person.id);
  }
}
