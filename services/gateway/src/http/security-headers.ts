import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/**
 * The pages (web/dist, Swagger UI at /api/docs) load scripts only from their own files: no inline
 * script anywhere. Styles may be inline because Ant Design and Swagger UI write <style> elements at
 * run time; photos taken offline are shown from blob: URLs.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** A request that carries credentials: its reply is for that caller only. */
function authenticated(request: FastifyRequest): boolean {
  return Boolean(request.headers.authorization || request.headers['x-api-key']) || request.url.startsWith('/api/v1/auth/');
}

/**
 * Security headers on every reply, pages and API alike (helmet: CSP, Referrer-Policy, HSTS,
 * X-Content-Type-Options, X-Frame-Options DENY, cross-origin policies), and `Cache-Control:
 * no-store` on every reply to a request with credentials and on the token and logout routes, so
 * no shared or browser cache keeps one person's data or a token.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  // The middleware is built once: @fastify/helmet built it again for every request, parsing and
  // checking the CSP each time (7% of the gateway's CPU on a read, bench/rpc.mjs).
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    // Not the parent domain's other sites: the platform may live under a department's domain.
    hsts: { maxAge: 31_536_000, includeSubDomains: false },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => setSecurityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (authenticated(request)) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
