// `npm test`: installs what the tests need (npm packages, nats-server, PostgreSQL), runs Vitest
// (extra arguments are passed on: `npm test -- --project unit libs/common`) and ends with the line
// `N passed, N failed[, N skipped]`, exiting non-zero when anything failed.
// SHANYU_TEST_BUILD=1 runs `npm run build` first.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureNatsServer, ensureNpmDependencies, ensurePostgresBinaries, InfraError } from './install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsFile = path.join(root, 'test-results', 'vitest.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function fail(message, code = 1) {
  console.error(message);
  process.exit(code);
}

try {
  ensureNpmDependencies(root);
  ensureNatsServer();
  ensurePostgresBinaries();
  ensureChromium(); // the browser tests (tests/browser): Debian's chromium and a Chinese font
} catch (error) {
  fail(error instanceof InfraError ? `[test] ${error.message}` : error);
}

if (process.env.SHANYU_TEST_BUILD === '1') {
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail(`[test] npm run build failed (exit code ${build.status ?? build.signal})`);
}

const args = process.argv.slice(2);
// A --reporter on the command line replaces the configured ones: keep the JSON one the summary reads.
if (args.some((arg) => arg === '--reporter' || arg.startsWith('--reporter='))) {
  args.push('--reporter=json', `--outputFile.json=${path.relative(root, resultsFile)}`);
}
fs.rmSync(resultsFile, { force: true });

const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const [command, argv] = fs.existsSync(vitestBin)
  ? [process.execPath, [vitestBin, 'run', ...args]]
  : [process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vitest', 'run', ...args]];
const child = spawn(command, argv, { cwd: root, stdio: 'inherit' });

// Ctrl-C reaches Vitest directly (same process group): wait for it to clean up and report.
const ignore = () => {};
const forward = (signal) => child.kill(signal);
process.on('SIGINT', ignore);
process.on('SIGTERM', forward);
process.on('SIGHUP', forward);

const exitCode = await new Promise((resolve) => {
  child.on('error', (error) => {
    console.error(`[test] vitest could not start: ${error.message}`);
    resolve(1);
  });
  child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
});

let report;
try {
  report = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {
  fail(`[test] no test report at ${path.relative(root, resultsFile)} (vitest exit code ${exitCode})`, exitCode || 1);
}

// A file that failed before any test ran (import or syntax error) counts as one failure.
const brokenFiles = (report.testResults ?? []).filter((file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0).length;
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);

let code = exitCode;
if (failed > 0 && code === 0) code = 1;
if (code !== 0 && failed === 0) {
  console.error(`[test] vitest exited with code ${code} although no test failed: see its errors above`);
}
// The summary is the last line, exactly `N passed, N failed` (CI reads it); skips are said before it.
if (skipped > 0) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(code);
