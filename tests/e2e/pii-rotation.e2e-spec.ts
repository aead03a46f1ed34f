// Rotating the personal-data keys (issue 9 §5; docs/configuration.md "Rotating the personal-data
// keys") on the run's real PostgreSQL and NATS: staff recorded under K1 (one of them in the `v1`
// format of before key ids), the staff service restarted with PII_KEY=K2, PII_PREVIOUS_KEYS=K1,
// PII_MATCH_KEY=K1 — numbers still shown, bans still matched — then `npm run admin -- pii-reencrypt`
// moves every value to K2 and K1 can leave PII_PREVIOUS_KEYS. Then the match key is rotated too.
import 'reflect-metadata';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { addDays, piiKeyId, shanghaiToday } from '@shanyu/common';
import { uniqueSchema } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIdNumber, type StaffStack, startStaffStack } from './staff-support.js';
import { adminCliEnv, runAdminCli } from './support.js';

const K1 = randomBytes(32).toString('base64');
const K2 = randomBytes(32).toString('base64');
const K3 = randomBytes(32).toString('base64');
const today = shanghaiToday();

/** A ciphertext as written before key ids existed: `v1.<iv>.<tag>.<ciphertext>`. */
function v1Encrypt(master: string, plaintext: string, context: string): string {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(master, 'base64'), Buffer.from('shanyu/pii/v1'), 'aes-256-gcm encryption', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

interface ReencryptResult {
  service: string;
  keyId: string;
  dryRun: boolean;
  tables: { column: string; rows: number; current: number; reencrypted: number; rehashed: number; failed: number; failedIds: string[] }[];
}

describe('PII key rotation: previous keys decrypt, the match key keeps hashes, pii-reencrypt moves everything to PII_KEY', () => {
  let stack: StaffStack;
  let operator: string;
  let health: string;
  let police: string;
  let institution: { id: string; divisionCode: string };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const people: { idNumber: string; staffId: string }[] = [];
  let banned: string;
  const banBody = (idNumber: string, documentNo: string) => ({
    name: '禁某',
    idNumber,
    kind: 'time_limited',
    startsOn: today,
    endsOn: addDays(today, 365),
    authority: '杭州市公安局西湖区分局',
    documentNo,
    reason: '从业禁止一年',
  });

  const ds = () => stack.staff.runtime.dataSource;
  const persons = async (): Promise<{ id: string; id_cipher: string; id_hash: string }[]> =>
    ds().query(`SELECT id::text AS id, id_cipher, id_hash FROM "${stack.staffSchema}".person ORDER BY id`);
  const admin = (args: string[]) => runAdminCli(args, adminCliEnv(uniqueSchema('gateway'), 'ops.li'));
  const reencrypt = async (...flags: string[]) => {
    const r = await admin(['pii-reencrypt', '--service', 'staff', '--json', ...flags]);
    expect(r.code, r.out + r.err).toBe(0);
    const [result] = JSON.parse(r.out) as ReencryptResult[];
    expect(result!.tables.map((t) => t.column)).toEqual(['person.id_cipher']);
    return result!.tables[0]!;
  };
  const hire = (idNumber: string, name = '张某') =>
    stack.http.post(`/api/v1/institutions/${institution.id}/staff`).set(auth(operator)).send({ role: 'cook', startDate: today, name, idNumber });
  /** Everything a person can see of the stored numbers still works: full numbers shown, bans matched. */
  const stillWorks = async () => {
    for (const p of people) {
      const revealed = await stack.http.post(`/api/v1/staff/${p.staffId}/id-number`).set(auth(health)).send({ reason: '核对密钥轮换后的记录' }).expect(200);
      expect(revealed.body.idNumber).toBe(p.idNumber);
    }
    const bans = await stack.http.get('/api/v1/bans').set(auth(police)).expect(200);
    expect(bans.body.items.map((b: { idNumber: string }) => b.idNumber)).toContain(banned);
    expect((await hire(banned, '禁某').expect(422)).body.code).toBe('STAFF_BANNED');
  };

  beforeAll(async () => {
    stack = await startStaffStack({ staff: { PII_KEY: K1 } });
    [operator, health, police] = await Promise.all(['operator.demo', 'health.330106', 'police.330106'].map((u) => stack.tokenFor(u)));
    institution = await stack.institution('operator.demo');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("records staff and a ban under K1 (v2 tagged with K1's id; one rewritten as a v1 value of before key ids)", async () => {
    for (const name of ['甲某', '乙某', '丙某']) {
      const idNumber = newIdNumber();
      const res = await hire(idNumber, name).expect(201);
      people.push({ idNumber, staffId: res.body.id });
    }
    banned = newIdNumber();
    await stack.http
      .post('/api/v1/bans')
      .set(auth(police))
      .send(banBody(banned, `西公（治）决字〔2026〕${Date.now() % 1000}号`))
      .expect(201);
    const stored = await persons();
    expect(stored).toHaveLength(4);
    for (const p of stored) expect(p.id_cipher.startsWith(`v2.${piiKeyId(K1)}.`)).toBe(true);
    const [{ person_id: legacy }] = await ds().query(`SELECT person_id::text FROM "${stack.staffSchema}".employment WHERE id = $1`, [people[0]!.staffId]);
    await ds().query(`UPDATE "${stack.staffSchema}".person SET id_cipher = $1 WHERE id = $2`, [v1Encrypt(K1, people[0]!.idNumber, legacy), legacy]);
    await stillWorks();
  });

  it('after a restart with PII_KEY=K2, PII_PREVIOUS_KEYS=K1, PII_MATCH_KEY=K1: old values read, bans matched, new values under K2', async () => {
    const hashesBefore = (await persons()).map((p) => p.id_hash);
    await stack.restartStaff({ PII_KEY: K2, PII_PREVIOUS_KEYS: K1, PII_MATCH_KEY: K1 });
    await stillWorks();
    const idNumber = newIdNumber();
    people.push({ idNumber, staffId: (await hire(idNumber, '丁某').expect(201)).body.id });
    const stored = await persons();
    expect(stored).toHaveLength(5);
    expect(stored.filter((p) => p.id_cipher.startsWith(`v2.${piiKeyId(K2)}.`))).toHaveLength(1);
    expect(stored.map((p) => p.id_hash)).toEqual(expect.arrayContaining(hashesBefore));
  });

  it('pii-reencrypt: a dry run changes nothing; the run re-encrypts the 4 old values (v1 included); a second run finds nothing to do', async () => {
    const before = await persons();
    const dry = await reencrypt('--dry-run');
    expect(dry).toMatchObject({ rows: 5, current: 1, reencrypted: 4, rehashed: 0, failed: 0 });
    expect(await persons()).toEqual(before);

    const text = await admin(['pii-reencrypt', '--service', 'staff', '--batch-size', '2']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain(
      `✓ staff\tperson.id_cipher\t5 行 rows\t1 已是当前密钥 current\t4 重新加密 re-encrypted\t0 重算哈希 re-hashed\t0 失败 failed\t密钥 key ${piiKeyId(K2)}`,
    );
    const after = await persons();
    for (const p of after) expect(p.id_cipher.startsWith(`v2.${piiKeyId(K2)}.`), p.id_cipher.slice(0, 12)).toBe(true);
    expect(after.map((p) => p.id_hash)).toEqual(before.map((p) => p.id_hash));
    expect(await reencrypt()).toMatchObject({ rows: 5, current: 5, reencrypted: 0, rehashed: 0, failed: 0 });

    const [audit] = await ds().query(`SELECT actor_user, entity_id, after FROM "${stack.staffSchema}".audit_log WHERE action = 'pii.reencrypt'`);
    expect(audit).toMatchObject({ actor_user: 'ops.li', entity_id: piiKeyId(K2) });
    expect(JSON.stringify(audit.after)).not.toMatch(/\d{17}[\dX]/);
  });

  it('works with K1 gone from PII_PREVIOUS_KEYS (PII_MATCH_KEY still K1)', async () => {
    await stack.restartStaff({ PII_KEY: K2, PII_MATCH_KEY: K1 });
    await stillWorks();
  });

  it('rotates the match key: old hashes still found through PII_PREVIOUS_KEYS, recomputed by pii-reencrypt, then the old key goes', async () => {
    const before = await persons();
    await stack.restartStaff({ PII_KEY: K2, PII_PREVIOUS_KEYS: K1, PII_MATCH_KEY: K3 });
    await stillWorks(); // the banned person is found by the K1 hash
    // A person staff looks up by number for a change (here the refused hiring) may already be moved to the K3 hash.
    const moved = (await persons()).filter((p, i) => p.id_hash !== before[i]!.id_hash).length;
    const result = await reencrypt();
    expect(result).toMatchObject({ rows: 5, current: moved, reencrypted: 0, rehashed: 5 - moved, failed: 0 });
    const after = await persons();
    expect(after.every((p, i) => p.id_hash !== before[i]!.id_hash)).toBe(true);
    await stack.restartStaff({ PII_KEY: K2, PII_MATCH_KEY: K3 });
    await stillWorks();
  });

  it('a refused key names itself: without K2, a stored value is reported failed by row id, never changed', async () => {
    await stack.restartStaff({ PII_KEY: K1, PII_MATCH_KEY: K3 });
    const r = await admin(['pii-reencrypt', '--service', 'staff']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ staff\tperson\.id_cipher\t5 行 rows\t0 已是当前密钥 current\t0 重新加密 re-encrypted\t0 重算哈希 re-hashed\t5 失败 failed/);
    expect((await persons()).every((p) => p.id_cipher.startsWith(`v2.${piiKeyId(K2)}.`))).toBe(true);
    await stack.restartStaff({ PII_KEY: K2, PII_MATCH_KEY: K3 });
  });
});
