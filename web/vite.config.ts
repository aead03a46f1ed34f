import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Emits /sw.js: the hand-written service worker (sw/sw.js) with the list of files to precache
 * (index.html and every built asset) and a version derived from their names (content hashes).
 */
function serviceWorker(): Plugin {
  return {
    name: 'shanyu-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js')
        .map((f) => `/${f}`);
      const precache = ['/index.html', '/icon.svg', '/manifest.webmanifest', ...files.filter((f) => f !== '/index.html')].sort();
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 16);
      const source = fs
        .readFileSync(path.resolve(import.meta.dirname, 'sw/sw.js'), 'utf8')
        .replace("const VERSION = '__SHANYU_VERSION__';", `const VERSION = '${version}';`)
        .replace('const PRECACHE = __SHANYU_PRECACHE__;', `const PRECACHE = ${JSON.stringify(precache)};`);
      if (source.includes('= __SHANYU_') || source.includes("= '__SHANYU_")) this.error('sw/sw.js: a placeholder was not replaced');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
    sourcemap: false,
  },
  server: {
    // `npm run dev -w web` against a running `npm start` (port 3000).
    proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
});
