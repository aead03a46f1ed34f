import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

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

export default defineConfig({
  plugins: [swcPlugin()],
  ...resolveSource,
  test: {
    pool: 'forks',
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        plugins: [swcPlugin()],
        ...resolveSource,
        test: { name: 'unit', include: ['{libs,services,deploy,tests}/**/*.spec.ts'], pool: 'forks', sequence: { groupOrder: 0 } },
      },
      {
        plugins: [swcPlugin()],
        ...resolveSource,
        test: {
          name: 'integration',
          include: ['{libs,services,tests}/**/*.e2e-spec.ts'],
          pool: 'forks',
          globalSetup: ['libs/testing/src/global-setup.ts', 'libs/testing/src/pii-scan-global-setup.ts'],
          // Scans every log line, HTTP reply and NATS message for resident ID numbers (issue 9.5), and
          // checks every NATS reply and event against the published contracts (drift check).
          setupFiles: ['libs/testing/src/pii-leak-watch.ts', 'libs/testing/src/contract-drift-watch.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One broker for the run: files share subjects and the nats-server some of them kill.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
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
