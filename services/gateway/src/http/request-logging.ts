import type { JsonLogger } from '@shanyu/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * One structured line per request: no bodies, no headers, query strings redacted by the logger.
 * It is the record of reads: the audit log holds state changes only, so a department system's
 * reads are traced here by `clientId` (which system read what, and when).
 */
export function registerRequestLogging(fastify: FastifyInstance, logger: JsonLogger): void {
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest & { actor?: { userId: string; department: string; clientId?: string } }, reply) => {
    if ((request.url === '/health' || request.url === '/metrics') && reply.statusCode === 200) return;
    logger.info('http', {
      requestId: request.id,
      method: request.method,
      route: request.routeOptions?.url ?? request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
      user: request.actor?.userId,
      department: request.actor?.department,
      clientId: request.actor?.clientId,
    });
  });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Keeps a caller's x-request-id when it is sane, otherwise makes one. */
export function requestIdFrom(header: string | string[] | undefined, fallback: () => string): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : fallback();
}
