/**
 * The per-client limits lifted for benchmark servers: a benchmark's thousands of sockets (or SSE
 * streams, which MAX_SOCKETS_PER_VIEWER counts apart from sockets) and its mutations all come from
 * one address, which the defaults (50 sockets, 50 streams, 50 mutations a second) would count as a
 * single client. Production servers keep the defaults.
 */
export const LOAD_GENERATOR_LIMITS: Readonly<Record<string, string>> = {
  MAX_SOCKETS_PER_VIEWER: '100000',
  MAX_LIVE_PER_SOCKET: '100000',
  MUTATION_RATE: '1000000',
  MUTATION_BURST: '1000000',
};
