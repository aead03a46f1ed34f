import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonLogger } from '@shanyu/common';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** web/dist of the repository (the same relative place from src/ in tests and from dist/ when built, and in the image). */
export const DEFAULT_WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/** Client-side routes of the single-page app: every one answers with index.html. */
const SPA_ROUTES = ['/', '/login', '/public', '/public/*', '/app', '/app/*', '/inspector', '/inspector/*'];

/**
 * Serves the built web app (web/dist) at `/`: hashed assets cached for a year, index.html and
 * the service worker never cached, and the app's own routes falling back to index.html. Nothing
 * under /api is touched, except that a browser opening a receipt's QR link
 * (/api/v1/public/receipts/:no, Accept: text/html) is sent to the readable verification page.
 * Returns false (and serves nothing) when the app was not built.
 */
export async function registerWebApp(fastify: FastifyInstance, distDir: string, logger: JsonLogger): Promise<boolean> {
  if (!fs.existsSync(path.join(distDir, 'index.html'))) {
    logger.warn('web app not built: the pages are not served (npm run build -w web)', { distDir });
    return false;
  }
  // Hashed bundles under /assets/: looked up on each request (a rebuild is served at once), cached for a year.
  await fastify.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    decorateReply: true,
    // Also applies to the sendFile() calls below (index.html, sw.js …): only /assets/ is immutable.
    setHeaders(reply, file) {
      const asset = file.startsWith(path.join(distDir, 'assets') + path.sep);
      reply.header('cache-control', asset ? 'public, max-age=31536000, immutable' : 'no-cache');
      reply.header('x-content-type-options', 'nosniff');
    },
  });
  // Files at the root (the service worker, the manifest, the icon): never cached, so a new build is picked up.
  for (const file of ['sw.js', 'manifest.webmanifest', 'icon.svg']) {
    fastify.get(`/${file}`, (_req: FastifyRequest, reply: FastifyReply) => reply.sendFile(file, distDir));
  }
  const index = (_req: FastifyRequest, reply: FastifyReply) => reply.header('x-frame-options', 'DENY').sendFile('index.html', distDir);
  for (const route of [...SPA_ROUTES, '/index.html']) fastify.get(route, index);

  fastify.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET') return;
    const m = /^\/api\/v1\/public\/receipts\/([^/?#]+)$/.exec(req.url.split('?')[0] ?? '');
    if (m && /text\/html/.test(req.headers.accept ?? '')) await reply.redirect(`/public/receipts/${m[1]}`, 302);
  });
  return true;
}
