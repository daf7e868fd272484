/** Typed GraphQL over HTTP for tests: runs a generated TypedDocumentNode and returns its typed data. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import { authorizationOf } from '../../support/clients.js';

/** POSTs `document` with `variables` to `url` as the test viewer and returns its data, failing the test on errors. */
export async function request<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: (await authorizationOf()) ?? '',
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: TData; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data as TData;
}
