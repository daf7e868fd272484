/**
 * GraphQL Code Generator (`npm run codegen`): typed documents for the web client and the Node example
 * (client preset: `graphql()` returns a TypedDocumentNode), and resolver types for the server. The
 * output is committed; test/client/codegen-fresh.test.ts fails when it is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Settings shared by every output: ESM imports with .js (NodeNext), type-only imports (verbatimModuleSyntax). */
const shared = {
  useTypeImports: true,
  enumsAsTypes: true,
  // Results are plain JSON: no __typename unless a query asks for it.
  skipTypename: true,
  scalars: { ID: 'string' },
} as const;

/** The client preset for the operations under `dir`, written to `${dir}/gql/`. */
function clientPreset(dir: string): CodegenConfig['generates'][string] {
  return {
    preset: 'client',
    documents: [`${dir}/**/*.{ts,tsx}`, `!${dir}/gql/**`],
    presetConfig: { fragmentMasking: false },
    config: { ...shared, avoidOptionals: false, defaultScalarType: 'unknown' },
  };
}

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  ignoreNoDocuments: false,
  importExtension: '.js',
  generates: {
    'web-client/src/gql/': clientPreset('web-client/src'),
    'examples/node-client/gql/': clientPreset('examples/node-client'),
    'server/graphql/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...shared,
        contextType: '../context.js#AppContext',
        mappers: {
          Document: '../../store/types.js#DocumentRecord',
          Section: '../../store/types.js#SectionRecord',
          Dataset: '../../store/types.js#DatasetRecord',
          Row: '../../store/types.js#RowRecord',
          Summary: '../../store/types.js#SummaryRecord',
          Comment: '../../store/types.js#CommentRecord',
          PageInfo: '../windows/connections.js#PageInfoModel',
          RowConnection: '../windows/connections.js#RowConnectionModel',
          DocumentConnection: '../windows/connections.js#DocumentConnectionModel',
        },
        useIndexSignature: false,
        optionalResolveType: true,
      },
    },
  },
};

export default config;
