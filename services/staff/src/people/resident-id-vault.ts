import { randomUUID } from 'node:crypto';
import { maskResidentId, normalizeResidentId, type PiiCipher } from '@shanyu/common';
import { type EntityManager, In } from 'typeorm';
import { Person } from './person.entity.js';

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
   * Locks the person's record for the rest of the transaction (by hash, so also a person not
   * yet recorded): hiring, bans and record checks of one person happen one after another.
   */
  async lock(manager: EntityManager, idNumber: string): Promise<string> {
    const hash = this.hashOf(idNumber);
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`staff-person:${hash}`]);
    return hash;
  }

  /**
   * By the hash under PII_MATCH_KEY, else under an older key: after the match key is rotated, a
   * person recorded before `npm run admin -- pii-reencrypt` recomputed their hash is still found
   * (docs/configuration.md "Rotating the personal-data keys").
   */
  async find(manager: EntityManager, idNumber: string): Promise<Person | null> {
    const candidates = this.cipher.keyedHashCandidates(normalizeResidentId(idNumber));
    const found = await manager.getRepository(Person).findBy({ idHash: In(candidates) });
    return found.find((p) => p.idHash === candidates[0]) ?? found[0] ?? null;
  }

  /** Locks, then returns the person with this ID number, recording them when new. */
  async findOrCreate(manager: EntityManager, idNumber: string, name: string): Promise<Person> {
    const hash = await this.lock(manager, idNumber);
    const repo = manager.getRepository(Person);
    const existing = await this.find(manager, idNumber);
    if (existing && existing.idHash !== hash) {
      // Hashed under an older match key: brought to the current one here, as pii-reencrypt would.
      await repo.update({ id: existing.id }, { idHash: hash });
      existing.idHash = hash;
    }
    if (existing) return existing;
    const id = randomUUID();
    const normalized = normalizeResidentId(idNumber);
    const person = repo.create({ id, idHash: hash, idCipher: this.cipher.encrypt(normalized, id), idMasked: maskResidentId(normalized), name });
    await repo.insert(person);
    return person;
  }

  reveal(person: Pick<Person, 'id' | 'idCipher'>): string {
    return this.cipher.decrypt(person.idCipher, person.id);
  }
}
