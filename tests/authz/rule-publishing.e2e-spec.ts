// Who may publish credit and staff rule documents (POST /api/v1/credit/models, POST
// /api/v1/staff/rules), through the gateway with the demo accounts: a district official of a
// publishing department (RULE_FAMILY_PUBLISHERS) only for its own district and below — never for
// another district, the city or province above it, or the nation (national documents are the
// platform admin's); other departments not at all. A refusal stores nothing, audits nothing and
// announces nothing.
import { randomUUID } from 'node:crypto';
import { RULE_FAMILY_PUBLISHERS } from '@shanyu/common';
import { ruleDocumentRequest } from '@shanyu/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startTestStack } from '../support/stack.js';

/** The demo accounts of 西湖区 (330106) by department, and 环翠区's health bureau (371002). */
const DISTRICT_ACCOUNTS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'finance'].map((d) => `${d}.330106`);

const ROUTES = [
  {
    family: 'credit',
    service: 'credit',
    path: '/api/v1/credit/models',
    rule: (key: string) => ({
      key: `measure.A.${key}`,
      title: '授权测试：守信激励措施',
      body: { kind: 'measure', grade: 'A', department: 'health', measure: '授权测试措施' },
    }),
  },
  {
    family: 'staff',
    service: 'staff',
    path: '/api/v1/staff/rules',
    rule: () => ({ key: 'certificate-rate-target', title: '授权测试：持证率目标', body: { kind: 'certificate-target', targetBp: 9000, byYear: 2099 } }),
  },
] as const;

describe('publishing credit and staff rules: a district official for its own district only', () => {
  let stack: Stack<'staff' | 'credit'>;

  beforeAll(async () => {
    stack = await startTestStack({ services: ['staff', 'credit'], startOptions: { staff: { eventsFrom: 'new' }, credit: { eventsFrom: 'new' } } });
  }, 120_000);
  afterAll(async () => stack?.stop());

  describe.each(ROUTES)('POST $path', ({ family, service, path, rule }) => {
    const publishers: readonly string[] = RULE_FAMILY_PUBLISHERS[family];
    const publish = async (username: string, jurisdiction: string) => {
      const key = `authz-${randomUUID().slice(0, 8)}`;
      const body = ruleDocumentRequest({ documentKey: key, jurisdiction, title: '授权测试规则文件', effectiveFrom: '2099-01-01', rule: rule(key) });
      return stack.http
        .post(path)
        .set(await stack.auth(username))
        .send(body);
    };
    const stored = async () => {
      const [row] = await stack.sql<{ documents: number; audited: number; announced: number }>(
        service,
        `SELECT (SELECT count(*) FROM $schema.rule_document)::int AS documents,
                (SELECT count(*) FROM $schema.audit_log WHERE action = 'rules.publish')::int AS audited,
                (SELECT count(*) FROM $schema.outbox WHERE subject = 'evt.${service}.rules.published.v1')::int AS announced`,
      );
      return row!;
    };

    it('refuses a publishing department’s district official another district, the city and province above, and the nation', async () => {
      const before = await stored();
      for (const username of [
        ...DISTRICT_ACCOUNTS.filter((u) => publishers.includes(u.split('.')[0]!)),
        ...(publishers.includes('health') ? ['health.371002'] : []),
      ]) {
        const [own, other] = username.endsWith('.371002') ? ['371002', '330106'] : ['330106', '371002'];
        for (const jurisdiction of [other, `${other}001`, `${own.slice(0, 4)}00`, `${own.slice(0, 2)}0000`, '000000']) {
          const res = await publish(username, jurisdiction);
          expect([username, jurisdiction, res.status, res.body.code]).toEqual([username, jurisdiction, 403, 'DIVISION_OUT_OF_SCOPE']);
          expect(res.body.details).toEqual([expect.objectContaining({ field: 'jurisdiction', code: 'DIVISION_OUT_OF_SCOPE' })]);
        }
      }
      expect(await stored()).toEqual(before);
    });

    it('refuses the other departments even for their own district', async () => {
      const before = await stored();
      for (const username of [
        ...DISTRICT_ACCOUNTS.filter((u) => !publishers.includes(u.split('.')[0]!)),
        'street.330106109',
        'market.371002',
        'operator.demo',
      ]) {
        const res = await publish(username, username === 'street.330106109' ? '330106109' : username.endsWith('.371002') ? '371002' : '330106');
        expect([username, res.status, res.body.code]).toEqual([username, 403, 'DEPARTMENT_NOT_ALLOWED']);
      }
      expect(await stored()).toEqual(before);
    });

    it('lets the publishing departments publish for their own district and its streets, and the admin for the nation', async () => {
      const before = await stored();
      const allowed = [
        ...DISTRICT_ACCOUNTS.filter((u) => publishers.includes(u.split('.')[0]!)).flatMap((u) => [[u, '330106'] as const, [u, '330106109'] as const]),
      ];
      if (publishers.includes('health')) allowed.push(['health.371002', '371002']);
      allowed.push(['admin', '000000'], ['admin', '371000']);
      for (const [username, jurisdiction] of allowed) {
        const res = await publish(username, jurisdiction);
        expect([username, jurisdiction, res.status]).toEqual([username, jurisdiction, 201]);
        expect(res.body).toMatchObject({ family, jurisdiction, origin: 'published' });
      }
      const n = allowed.length;
      expect(await stored()).toEqual({ documents: before.documents + n, audited: before.audited + n, announced: before.announced + n });
    });
  });
});
