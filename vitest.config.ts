import os from 'node:os';
import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './libs/testing/src/sequencer.js';

// Nest's dependency injection needs decorator metadata, which esbuild does not emit: SWC does.
const swcPlugin = () =>
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'es6' },
  });

// The `source` export condition lets tests read the libs' TypeScript without building them.
const resolveSource = {
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  // Vitest's own environment, which loads the global setup files.
  environments: { __vitest__: { resolve: { conditions: ['source'], externalConditions: ['source'] } } },
};

// Test files run this many at a time (SHANYU_TEST_WORKERS overrides): most of an integration file's
// time is CPU (Nest, TypeORM, SWC-compiled imports), so one per core, and at least two, since some
// of it is waiting on the broker and the database.
const workers = Number(process.env.SHANYU_TEST_WORKERS) || Math.max(2, os.availableParallelism());

// The files that run the built platform as child processes: the fault suites (each kills -9 its own
// PostgreSQL and broker, under load), `npm start` and a production start. They run beside the unit
// tests, before any other integration file, so that no load test shares the machine with a browser
// test; they also build what every later file finds built (tsc -b, web/dist).
const PROCESSES = ['tests/faults/*.e2e-spec.ts', 'tests/e2e/local-start.e2e-spec.ts', 'tests/e2e/production-start.e2e-spec.ts'];

// The AsyncAPI document is generated from every class-validator class the process has loaded: run
// beside other files in one worker, it picked up the gateway's config classes.
const ISOLATED_UNITS = ['services/gateway/src/docs/api-documents.spec.ts'];

const unit = {
  pool: 'forks' as const,
  // Some compute a lot (200 draws, a type-aware lint): generous beside a busy neighbour.
  testTimeout: 30_000,
  maxWorkers: workers,
  sequence: { groupOrder: 0 },
};

const integration = {
  globalSetup: ['libs/testing/src/global-setup.ts', 'libs/testing/src/pii-scan-global-setup.ts'],
  // Each file's own nats-server first, then the personal-data watch, which subscribes on it (scans
  // every log line, HTTP reply and NATS message for resident ID numbers), then the drift check,
  // which judges every NATS reply and event that watch sees against the published contracts.
  setupFiles: ['libs/testing/src/file-broker-setup.ts', 'libs/testing/src/pii-leak-watch.ts', 'libs/testing/src/contract-drift-watch.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  pool: 'forks' as const,
  // A worker loads the services, Nest and TypeORM once and runs file after file (about 3 s of
  // imports saved per file); each file still has its own broker, schemas and stack.
  isolate: false,
};

export default defineConfig({
  plugins: [swcPlugin()],
  ...resolveSource,
  test: {
    pool: 'forks',
    // The slowest files start first, so that no long file starts last (libs/testing/src/sequencer.ts).
    sequence: { sequencer: SlowestFirstSequencer },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // `npm run coverage`: the code of libraries and services the tests run in-process (services the
    // fault and start tests run as child processes are not measured), summed per package by
    // deploy/local/coverage-by-package.mjs.
    coverage: {
      provider: 'v8',
      include: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts'],
      exclude: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/migrations/**'],
      reporter: ['json-summary', 'text-summary'],
      reportsDirectory: 'coverage',
    },
    projects: [
      {
        plugins: [swcPlugin()],
        ...resolveSource,
        test: {
          ...unit,
          name: 'unit',
          include: ['{libs,services,deploy,tests}/**/*.spec.ts'],
          exclude: [...configDefaults.exclude, ...ISOLATED_UNITS],
          // A worker loads the libraries once and runs file after file: most unit files take
          // milliseconds and their imports a second (65 files: about 20 s instead of 95 s).
          isolate: false,
        },
      },
      {
        // Unit files that read process-wide metadata, isolated from what the others load.
        plugins: [swcPlugin()],
        ...resolveSource,
        test: { ...unit, name: 'unit-isolated', include: ISOLATED_UNITS },
      },
      {
        // In parallel: every file has its own nats-server and its own schemas in the shared PostgreSQL.
        plugins: [swcPlugin()],
        ...resolveSource,
        test: {
          ...integration,
          name: 'integration',
          include: ['{libs,services,tests}/**/*.e2e-spec.ts'],
          exclude: [...configDefaults.exclude, ...PROCESSES],
          maxWorkers: workers,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The medium tier: one service's use cases on its real schema, the outbox captured, no NATS
        // (so no broker for these files; the personal-data watch still reads logs and outboxes).
        plugins: [swcPlugin()],
        ...resolveSource,
        test: {
          ...integration,
          name: 'medium',
          include: ['tests/medium/**/*.medium-spec.ts'],
          setupFiles: ['libs/testing/src/pii-leak-watch.ts'],
          maxWorkers: workers,
          sequence: { groupOrder: 1 },
        },
      },
      {
        plugins: [swcPlugin()],
        ...resolveSource,
        test: { ...integration, name: 'integration-processes', include: PROCESSES, maxWorkers: workers, sequence: { groupOrder: 0 } },
      },
      {
        // After every integration file: what the personal-data watch found in the whole run.
        plugins: [swcPlugin()],
        ...resolveSource,
        test: { name: 'personal-data', include: ['tests/personal-data/*.final-spec.ts'], pool: 'forks', sequence: { groupOrder: 2 } },
      },
    ],
  },
});
