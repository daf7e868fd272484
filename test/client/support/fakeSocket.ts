/** An in-memory LiveSocket: tests push payloads into its subscriptions and see what was stopped. */
import type { SubscribePayload } from 'graphql-ws';
import { createConnectionState } from '../../../client/connectionState.js';
import type { LiveSocket, PayloadSink } from '../../../client/liveSocket.js';

/** One subscribe call made on the fake socket. */
export interface FakeSubscription {
  payload: SubscribePayload;
  sink: PayloadSink;
  stopped: boolean;
}

/** Creates the fake socket and the list of its subscriptions, in call order. */
export function fakeSocket() {
  const subscriptions: FakeSubscription[] = [];
  const socket: LiveSocket = {
    connection: createConnectionState('live'),
    subscribe(payload, sink) {
      const subscription: FakeSubscription = { payload, sink, stopped: false };
      subscriptions.push(subscription);
      return () => {
        subscription.stopped = true;
      };
    },
    dispose: async () => {},
  };
  return {
    socket,
    subscriptions,
    /** The newest subscription (throws when there is none). */
    get last(): FakeSubscription {
      const last = subscriptions[subscriptions.length - 1];
      if (!last) throw new Error('nothing subscribed');
      return last;
    },
  };
}
