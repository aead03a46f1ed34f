// The web app's build (web/dist): whether it is older than its sources, and building it. Used by
// `npm start` (start.mjs), which builds it only when a source changed, and by the browser tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The newest modification time under a path (files only); 0 when it does not exist. */
function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((name) => newest(path.join(p, name))));
}

/** True when web/dist exists and nothing it is built from changed since. */
export function webBuildIsCurrent(root) {
  const webDir = path.join(root, 'web');
  const built = newest(path.join(webDir, 'dist', 'index.html'));
  const sources = Math.max(
    ...['src', 'sw', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'].map((p) => newest(path.join(webDir, p))),
    // The one server module the bundle imports.
    newest(path.join(root, 'libs/common/src/division-table.ts')),
  );
  return built > 0 && built >= sources;
}

/**
 * `npm run build -w web` (type check, then Vite) when web/dist is missing or older than its
 * sources; returns whether it built. Throws with the build's output when it fails.
 */
export function buildWebIfStale(root, { stdio = 'pipe' } = {}) {
  if (webBuildIsCurrent(root)) return false;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Under Vitest NODE_ENV is `test`, which would make Vite bundle React's development build.
  const result = spawnSync(npm, ['run', 'build', '--silent', '-w', 'web'], {
    cwd: root,
    encoding: 'utf8',
    stdio,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`web build failed (exit code ${result.status ?? result.signal}):\n${result.stdout ?? ''}\n${result.stderr ?? ''}`);
  return true;
}
