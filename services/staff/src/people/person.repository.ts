import { schemaTable } from '@shanyu/persistence';
import type { EntityManager } from 'typeorm';
import { Person } from './person.entity.js';

/** People (the resident ID number kept encrypted, hashed and masked): their rows and their locks. */
export class PersonRepository {
  constructor(private readonly manager: EntityManager) {}

  byId(id: string): Promise<Person | null> {
    return this.manager.findOneBy(Person, { id });
  }

  byIdOrFail(id: string): Promise<Person> {
    return this.manager.findOneByOrFail(Person, { id });
  }

  byIds(ids: string[]): Promise<Person[]> {
    return ids.length ? this.manager.createQueryBuilder(Person, 'p').where('p.id = ANY(:ids)', { ids }).getMany() : Promise.resolve([]);
  }

  /** `= ANY($1)`, not `IN ($1, …, $n)`: one parameter however many (a sheet of 1,000 rows). */
  byHashes(hashes: string[]): Promise<Person[]> {
    return this.manager.createQueryBuilder(Person, 'p').where('p.id_hash = ANY(:hashes)', { hashes }).getMany();
  }

  /**
   * Locks people for the rest of the transaction by hash (so also people not yet recorded). One
   * statement, in the order of the lock keys, so two transactions locking shared people cannot deadlock.
   */
  async lock(hashes: string[]): Promise<void> {
    if (!hashes.length) return;
    // Advisory locks have no ORM form.
    await this.manager.query(
      `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT DISTINCT hashtextextended('staff-person:' || h, 0) AS k FROM unnest($1::text[]) AS h ORDER BY 1) AS keys`,
      [hashes],
    );
  }

  // The bulk writes below are one `unnest` statement each, whatever the number of people: raw SQL.

  async insertMany(people: Person[]): Promise<void> {
    if (!people.length) return;
    await this.manager.query(
      `INSERT INTO ${this.table} (id, id_hash, id_cipher, id_masked, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [people.map((p) => p.id), people.map((p) => p.idHash), people.map((p) => p.idCipher), people.map((p) => p.idMasked), people.map((p) => p.name)],
    );
  }

  /** Stores each person's `idHash` (brought to the current match key). */
  async rehash(people: Pick<Person, 'id' | 'idHash'>[]): Promise<void> {
    if (!people.length) return;
    await this.manager.query(`UPDATE ${this.table} AS p SET id_hash = u.hash FROM unnest($1::uuid[], $2::text[]) AS u(id, hash) WHERE p.id = u.id`, [
      people.map((p) => p.id),
      people.map((p) => p.idHash),
    ]);
  }

  /** Records the name last given for each person. */
  async rename(people: Pick<Person, 'id' | 'name'>[]): Promise<void> {
    if (!people.length) return;
    await this.manager.query(`UPDATE ${this.table} AS p SET name = u.name FROM unnest($1::uuid[], $2::text[]) AS u(id, name) WHERE p.id = u.id`, [
      people.map((p) => p.id),
      people.map((p) => p.name),
    ]);
  }

  private get table(): string {
    return schemaTable(this.manager, 'person');
  }
}
