/**
 * The peer of the fan-out benchmark: the same schema (schema/schema.graphql) served the way the
 * envelop ecosystem does live queries — graphql-yoga over HTTP, graphql-ws (`graphql-ws/use/ws`) on
 * the same port and path, `@envelop/live-query` with an `InMemoryLiveQueryStore`, and JSON patches from
 * `@n1ru4l/graphql-live-query-patch-json-patch`. Data lives in memory; mutations invalidate
 * `Type:id` identifiers. Prints `ws://127.0.0.1:PORT/graphql` once listening.
 *
 *   PORT=0 node --import tsx bench/peers/envelop-live-query/server.ts
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { useLiveQuery } from '@envelop/live-query';
import { applyLiveQueryJSONPatchGenerator } from '@n1ru4l/graphql-live-query-patch-json-patch';
import { InMemoryLiveQueryStore } from '@n1ru4l/in-memory-live-query-store';
import { GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createSchema, createYoga } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { projectRoot } from '../../../server/runtime/projectRoot.js';
import { MemoryStore } from './memoryStore.js';
import { createResolvers } from './resolvers.js';

/** What graphql-ws accepts from `execute`/`subscribe`. */
type OperationResult = ReturnType<NonNullable<ServerOptions['execute']>>;

/** The envelop pipeline's executors of one operation, carried to `execute` in `rootValue`. */
interface Executors {
  execute(args: ExecutionArgs): OperationResult;
  subscribe(args: ExecutionArgs): OperationResult;
}

const schemaPath = path.join(projectRoot, 'schema', 'schema.graphql');
const store = new MemoryStore();
const liveQueryStore = new InMemoryLiveQueryStore();
const schema = createSchema({ typeDefs: readFileSync(schemaPath, 'utf8'), resolvers: createResolvers(store, liveQueryStore) });

const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  plugins: [useLiveQuery({ liveQueryStore, applyLiveQueryPatchGenerator: applyLiveQueryJSONPatchGenerator })],
  landingPage: false,
  graphiql: false,
  logging: false,
});

const server = http.createServer((req, res) => void yoga(req, res));
const wss = new WebSocketServer({ server, path: '/graphql' });

useServer(
  {
    execute: (args) => (args.rootValue as Executors).execute({ ...args, rootValue: undefined }),
    subscribe: (args) => (args.rootValue as Executors).subscribe({ ...args, rootValue: undefined }),
    async onSubscribe(ctx, _id, payload) {
      const enveloped = yoga.getEnveloped({ ...ctx, req: ctx.extra.request, socket: ctx.extra.socket, params: payload });
      // envelop types parse, validate and schema as `any`; these are graphql-js's own types.
      let document: DocumentNode;
      try {
        document = enveloped.parse(payload.query) as DocumentNode;
      } catch (error) {
        if (error instanceof GraphQLError) return [error];
        throw error;
      }
      const errors = enveloped.validate(enveloped.schema, document) as readonly GraphQLError[];
      if (errors.length > 0) return errors;
      const executors: Executors = {
        execute: enveloped.execute as Executors['execute'],
        subscribe: enveloped.subscribe as Executors['subscribe'],
      };
      return {
        schema: enveloped.schema as GraphQLSchema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: await enveloped.contextFactory(),
        rootValue: executors,
      } satisfies ExecutionArgs;
    },
  },
  wss,
);

server.listen(Number(process.env.PORT ?? 4100), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`envelop-live-query peer serving ws://127.0.0.1:${port}/graphql`);
});

const stop = () => {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
