/**
 * Type-level checks of the generated bindings: `tsc --noEmit` (part of `npm test`) fails if a type
 * here is wrong or if a `@ts-expect-error` line stops being an error. The runtime part is trivial.
 */
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { WatchDocumentQuery } from '../../examples/node-client/operations.js';
import type { Resolvers } from '../../server/graphql/generated/resolvers-types.js';
import type { DocumentRecord } from '../../server/store/types.js';
import type { LiveClient } from '../../client/liveClient.js';
import type { FullResult } from '../../client/fullResult.js';
import { DocumentViewQuery } from '../../web-client/src/operations/documents.js';

type DocumentView = ResultOf<typeof DocumentViewQuery>;

/** Never called: only type-checked. */
function readHeading(data: DocumentView): string {
  const heading = data.document!.sections[0]!.heading;
  expectTypeOf(heading).toEqualTypeOf<string>();
  // @ts-expect-error: a typo in a field name does not compile
  expectTypeOf(data.document!.sections[0]!.heding);
  // @ts-expect-error: document may be null (a missing id)
  expectTypeOf(data.document.title);
  return heading;
}

/** Never called: the typed live client checks variables and types results. */
async function useLiveClient(client: LiveClient): Promise<void> {
  for await (const result of client.live(WatchDocumentQuery, { id: 'welcome' })) {
    expectTypeOf(result).toEqualTypeOf<FullResult<ResultOf<typeof WatchDocumentQuery>>>();
    expectTypeOf(result.data?.document?.sections[0]?.heading).toEqualTypeOf<string | undefined>();
  }
  // @ts-expect-error: the query requires $id
  client.live(WatchDocumentQuery);
  // @ts-expect-error: $id is an ID (string)
  client.live(WatchDocumentQuery, { id: 1 });
}

describe('generated typed documents', () => {
  it('type results and variables from the operation text', () => {
    expectTypeOf<NonNullable<DocumentView['document']>['sections'][number]['heading']>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<DocumentView['document']>['revision']>().toEqualTypeOf<number>();
    expectTypeOf<VariablesOf<typeof DocumentViewQuery>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf(readHeading).returns.toEqualTypeOf<string>();
    expectTypeOf(useLiveClient).toBeFunction();
    // The document node itself is a real parsed operation carrying @live.
    expect(DocumentViewQuery.definitions[0]).toMatchObject({ kind: 'OperationDefinition', operation: 'query' });
  });

  it('type resolvers with the store records as parents', () => {
    type SectionsResolver = NonNullable<NonNullable<Resolvers['Document']>['sections']>;
    expectTypeOf<Parameters<Extract<SectionsResolver, (...args: never[]) => unknown>>[0]>().toEqualTypeOf<DocumentRecord>();
  });
});
