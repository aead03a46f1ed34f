// Lint that guards the architecture, so that each service can change and deploy on its own:
//   - a service never imports another service; libraries never import services;
//   - libraries (and services) are used only through their public index (`@shanyu/<name>`),
//     never `@shanyu/<name>/src/...`, `.../dist/...` or a relative path into their folder;
//   - tests/ may import services (cross-service e2e tests live there), but not deep paths;
//   - no floating or misused promises (type-aware, over one program: tsconfig.eslint.json).
// Proved by tests/lint/architecture.spec.ts.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

const foldersIn = (dir) => {
  try {
    return fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
};

/** Every service: those planned plus any folder under services/. */
const SERVICES = [...new Set(['gateway', 'registry', 'inspection', 'staff', 'credit', 'subsidy', ...foldersIn('services')])].sort();

/** `eslint:recommended` (the rules ESLint marks recommended), without depending on @eslint/js. */
const eslintRecommended = {
  name: 'eslint/recommended',
  rules: Object.fromEntries([...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error'])),
};

/** Node's own globals, for the plain-JavaScript scripts (TypeScript files do not use no-undef). */
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// ---------------------------------------------------------------------------------------------
// Import boundaries for package names: @typescript-eslint/no-restricted-imports (it also sees
// `import type` and `import x = require()`). A later block replaces an earlier block's options,
// so every block below lists all the patterns that apply to its files.

const deepImports = {
  group: ['@shanyu/*/src', '@shanyu/*/src/**', '@shanyu/*/dist', '@shanyu/*/dist/**'],
  message: 'Import a library or service only through its public index (`@shanyu/<name>`), never its src/ or dist/ files.',
};

const restrictedImports = (...patterns) => ['error', { patterns: [deepImports, ...patterns] }];

const otherServices = (self) => ({
  group: SERVICES.filter((s) => s !== self).flatMap((s) => [`@shanyu/${s}`, `@shanyu/${s}/**`]),
  message: 'A service may not import another service: talk to it over NATS through @shanyu/contracts.',
});

const anyService = {
  group: SERVICES.flatMap((s) => [`@shanyu/${s}`, `@shanyu/${s}/**`]),
  message: 'Libraries may not import services.',
};

// ---------------------------------------------------------------------------------------------
// Import boundaries for relative paths. no-restricted-imports only sees the string, and
// `../../registry/x.js` may well be a folder of the importing service, so this small rule
// resolves the path and compares the package (libs/<name> or services/<name>) of both ends.

/** `libs/<name>` or `services/<name>` holding the absolute path, else null. */
function packageOf(absolute) {
  const [area, name] = path.relative(root, absolute).split(path.sep);
  return (area === 'libs' || area === 'services') && name ? { area, name, dir: `${area}/${name}` } : null;
}

const architecturePlugin = {
  meta: { name: 'shanyu-architecture' },
  rules: {
    'no-relative-cross-package-import': {
      meta: {
        type: 'problem',
        docs: { description: 'Forbid relative imports that reach into another library or service' },
        schema: [],
        messages: {
          lib: 'Import `@shanyu/{{name}}` (its public index) instead of reaching into {{dir}}/ with a relative path.',
          otherService: 'A service may not import another service ({{dir}}): talk to it over NATS through @shanyu/contracts.',
          libToService: 'Libraries may not import services ({{dir}}).',
          service: 'Import `@shanyu/{{name}}` (its public index) instead of reaching into {{dir}}/ with a relative path.',
        },
      },
      create(context) {
        const from = packageOf(context.filename);
        const check = (source) => {
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const to = packageOf(path.resolve(path.dirname(context.filename), source.value));
          if (!to || to.dir === from?.dir) return;
          const messageId = to.area === 'libs' ? 'lib' : from?.area === 'services' ? 'otherService' : from?.area === 'libs' ? 'libToService' : 'service';
          context.report({ node: source, messageId, data: { name: to.name, dir: to.dir } });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
          TSImportType: (node) => check(node.source ?? node.argument?.literal),
          TSExternalModuleReference: (node) => check(node.expression),
        };
      },
    },
  },
};

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/.data/',
      '**/.test-data/',
      '**/coverage/',
      'test-results/',
      'deploy/compose-schema/',
      '**/*.tsbuildinfo',
      // Scratch files of tests/lint/architecture.spec.ts (it lints them with `ignore: false`).
      '**/__lint_fixtures__/',
    ],
  },
  eslintRecommended,
  tseslint.configs.recommended,
  {
    name: 'shanyu/type-aware',
    languageOptions: {
      parserOptions: {
        // One program over everything linted, spec files and tests/ included (the packages' own
        // tsconfig.json files exclude them).
        project: './tsconfig.eslint.json',
        tsconfigRootDir: root,
      },
    },
    plugins: { architecture: architecturePlugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-restricted-imports': restrictedImports(),
      // NestJS style: modules are empty decorated classes, constructors only inject.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      // TypeORM and Nest type entities, migrations and metatypes as `Function`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The browser app (web/) has its own tsconfig: DOM types, JSX, bundler resolution.
    name: 'shanyu/web',
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: root } },
  },
  {
    // The hand-written service worker: plain JavaScript in the worker's global scope, no type info.
    name: 'shanyu/web/service-worker',
    files: ['web/sw/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { project: null, projectService: false },
      globals: Object.fromEntries(['self', 'caches', 'clients', 'fetch', 'URL', 'Response', 'Promise'].map((name) => [name, 'readonly'])),
    },
  },
  {
    name: 'shanyu/javascript',
    files: JS_FILES,
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'shanyu/tests',
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'shanyu/boundaries/relative-paths',
    // deploy/ scripts run the built output with plain node (e.g. after `npm run build`, start.mjs
    // loads libs/common/dist), so only the code of libs, services and tests is held to this.
    files: ['libs/**', 'services/**', 'tests/**'],
    rules: { 'architecture/no-relative-cross-package-import': 'error' },
  },
  {
    name: 'shanyu/boundaries/libs',
    files: ['libs/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrictedImports(anyService) },
  },
  {
    // A service's SQL and ORM calls live in its repositories (*.repository.ts), so a use case reads
    // as its rules and a query is found in one place per aggregate.
    name: 'shanyu/sql-in-repositories',
    files: ['services/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/data-source.ts', '**/migrations/**', '**/*.spec.ts', '**/*.e2e-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'CallExpression[callee.property.name=/^(query|createQueryBuilder|getRepository)$/]',
          'CallExpression[callee.object.property.name="manager"][callee.property.name=/^(find\\w*|save|insert|update|delete|count\\w*|exists\\w*|increment|decrement|upsert|remove)$/]',
          'CallExpression[callee.object.name="manager"][callee.property.name=/^(find\\w*|save|insert|update|delete|count\\w*|exists\\w*|increment|decrement|upsert|remove)$/]',
        ].map((selector) => ({ selector, message: 'SQL and ORM calls belong in a repository (*.repository.ts) of the aggregate.' })),
      ],
    },
  },
  ...SERVICES.map((service) => ({
    name: `shanyu/boundaries/services/${service}`,
    files: [`services/${service}/**`],
    rules: { '@typescript-eslint/no-restricted-imports': restrictedImports(otherServices(service)) },
  })),
);
