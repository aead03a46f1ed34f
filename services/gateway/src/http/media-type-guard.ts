import type { FastifyInstance } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';

/** Media types the gateway only accepts on the routes that document them (form bodies, parsed by Nest: the OAuth 2.0 token request). */
const GUARDED = ['multipart/form-data', 'text/csv', 'application/x-www-form-urlencoded'];

/**
 * Refuses a multipart or CSV body (415 UNSUPPORTED_MEDIA_TYPE) on a route whose OpenAPI
 * operation does not declare it. Without this, a multipart body sent to a JSON route is parsed
 * (for the upload routes' sake) into nothing, and the route sees an empty object: a PATCH with
 * a JSON text sent as multipart/form-data would "succeed" changing nothing but the audit log.
 */
export function registerMediaTypeGuard(fastify: FastifyInstance, document: OpenAPIObject): void {
  const declared = new Map<string, Set<string>>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations as Record<string, { requestBody?: { content?: Record<string, unknown> } }>)) {
      const types = Object.keys(operation?.requestBody?.content ?? {});
      if (types.length) declared.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, new Set(types));
    }
  }
  fastify.addHook('onRequest', async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (!GUARDED.includes(type)) return;
    if (declared.get(`${request.method} ${request.routeOptions.url}`)?.has(type)) return;
    await reply.status(415).send({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `此接口不接受 ${type}，请使用 application/json` });
  });
}
