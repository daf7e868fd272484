import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('generated GraphQL bindings', () => {
  it('are up to date with schema/ and the operations (run `npm run codegen` when this fails)', async () => {
    // Generate in memory with the committed config and compare with the committed files.
    // generate() is typed `any` (because of watch mode); without watch it resolves to the file outputs.
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as { filename: string; content: string }[];
    const files = outputs.map((output) => path.relative(root, path.resolve(root, output.filename))).sort();
    expect(files).toEqual([
      'examples/node-client/gql/gql.ts',
      'examples/node-client/gql/graphql.ts',
      'examples/node-client/gql/index.ts',
      'server/graphql/generated/resolvers-types.ts',
      'web-client/src/gql/gql.ts',
      'web-client/src/gql/graphql.ts',
      'web-client/src/gql/index.ts',
    ]);
    for (const output of outputs) {
      const committed = await readFile(path.resolve(root, output.filename), 'utf8').catch(() => '(missing)');
      expect(committed, `${output.filename} is stale: run \`npm run codegen\``).toBe(output.content);
    }
  }, 30_000);
});
