// The read path's one-process baseline: GET /api/v1/institutions/:id in a single Fastify + pg
// process — the gateway's HS256 bearer token check (jsonwebtoken, same secret, algorithm, issuer
// and audience) and the registry's `SELECT … WHERE id = $1` on the same PostgreSQL — with no NATS,
// no second process, no logging. Forked by bench/rpc.mjs; sends its port once it listens.
// Env: DATABASE_URL, JWT_SECRET, REGISTRY_DB_SCHEMA (default registry).
import { createSecretKey } from 'node:crypto';
import Fastify from 'fastify';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const key = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const schema = process.env.REGISTRY_DB_SCHEMA ?? 'registry';
// TypeORM's default pool size, as the registry has.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/api/v1/institutions/:id', async (request, reply) => {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  try {
    jwt.verify(match?.[1] ?? '', key, { algorithms: ['HS256'], issuer: 'shanyu', audience: 'shanyu-api' });
  } catch {
    return reply.code(401).send({ statusCode: 401, code: 'TOKEN_INVALID' });
  }
  const { rows } = await pool.query(`SELECT * FROM "${schema}".institution WHERE id = $1`, [request.params.id]);
  if (!rows.length) return reply.code(404).send({ statusCode: 404, code: 'INSTITUTION_NOT_FOUND' });
  return rows[0];
});

await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: app.server.address().port });
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end().finally(() => process.exit(0)));
});
