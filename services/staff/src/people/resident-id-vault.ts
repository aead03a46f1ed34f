import { randomUUID } from 'node:crypto';
import { maskResidentId, normalizeResidentId, type PiiCipher } from '@shanyu/common';
import type { EntityManager } from 'typeorm';
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

  async find(manager: EntityManager, idNumber: string): Promise<Person | null> {
    return manager.getRepository(Person).findOneBy({ idHash: this.hashOf(idNumber) });
  }

  /** Locks, then returns the person with this ID number, recording them when new. */
  async findOrCreate(manager: EntityManager, idNumber: string, name: string): Promise<Person> {
    const hash = await this.lock(manager, idNumber);
    const repo = manager.getRepository(Person);
    const existing = await repo.findOneBy({ idHash: hash });
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
