// ESLint flat config for livedoc, loaded through the root eslint.config.js. It lives here because
// typescript-eslint and eslint-plugin-import-x are installed (with TypeScript 6, which they need)
// under tools/lint/node_modules, out of reach of a config file at the root. File patterns below are
// relative to the repository root, where ESLint found the config.
import path from 'node:path';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const root = path.resolve(import.meta.dirname, '../..');
const typeScriptFiles = ['**/*.ts', '**/*.tsx'];

/** Paths under server/ a module may not import, as no-restricted-paths `from` entries. */
const server = (...folders) => folders.map((folder) => `./server/${folder}`);

/**
 * Who may import whom: dependencies point inward, the engine
 * knows no transport, store or bus, the store does not know the engine, wire/ is a leaf shared by
 * server and clients, and clients never reach into the server (docs/architecture.md).
 */
const zones = [
  {
    target: './server/live',
    from: [
      ...server('store', 'db', 'bus', 'transport', 'graphql', 'invalidation', 'app', 'runtime'),
      './client',
      './web-client',
    ],
    message: 'The engine imports graphql, wire/ and server/keys only.',
  },
  {
    target: './server/keys',
    from: './server',
    except: ['./keys'],
    message: 'server/keys is the leaf key vocabulary: it imports nothing local.',
  },
  {
    target: './server/keys',
    from: ['./wire', './client', './web-client', './test', './bench', './examples', './schema'],
    message: 'server/keys is the leaf key vocabulary: it imports nothing local.',
  },
  {
    target: './wire',
    from: ['./server', './client', './web-client'],
    message: 'wire/ is shared by server and clients: it imports neither.',
  },
  {
    target: ['./server/store', './server/db'],
    from: server('live', 'transport', 'graphql', 'bus', 'invalidation', 'app'),
    message: 'The store and its drivers do not know the engine, transports, GraphQL layer or bus.',
  },
  {
    target: './server/bus',
    from: server('live', 'store', 'transport', 'graphql', 'app'),
    message: 'The bus carries keys between instances; it may use server/db and server/keys only.',
  },
  {
    target: './server/transport',
    from: server('store', 'db', 'bus'),
    message: 'Transports are thin adapters over the engine and the GraphQL layer.',
  },
  {
    target: './client',
    from: ['./server', './web-client'],
    message: 'The client library imports wire/ only.',
  },
  {
    target: './web-client/src',
    from: './server',
    message: 'The web client talks to the server over the wire, never through its modules.',
  },
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      'build/',
      'dist/',
      'data/',
      'bench/results/',
      '.scratch/',
      'server/graphql/generated/',
      'web-client/src/gql/',
      'examples/node-client/gql/',
    ],
  },
  {
    files: typeScriptFiles,
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // Numbers and booleans print unambiguously in messages and keys; objects and nullish still fail.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // `() => socket.close()` and `return resolve()` in a void callback are plain idiom, not confusion.
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      // graphql-ws's dispose() returns `void | Promise<void>`: Promise.all over such results is right.
      '@typescript-eslint/await-thenable': ['error', { allowMixedPromiseArrays: true }],
      // A leading underscore marks a binding kept on purpose (a rest sibling dropped, an unused parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Small modules, one idea per file: the server, the client library and the wire vocabulary.
    files: ['server/**/*.ts', 'client/**/*.ts', 'wire/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests fail loudly on a wrong `!`, and benchmarks index dense arrays they sized themselves
    // (noUncheckedIndexedAccess); production code keeps the rule.
    files: ['test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // vitest types its asymmetric matchers (expect.stringMatching, …) as `any`, and they sit as
    // values inside expected objects; the other no-unsafe-* rules still catch `any` in tests.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: typeScriptFiles,
    plugins: { 'import-x': importX },
    settings: {
      // no-cycle reads the imported modules itself: it needs to know they are TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  },
);
