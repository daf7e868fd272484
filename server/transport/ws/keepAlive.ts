/**
 * Keep-alive for every WebSocket of a server with ONE timer: each round terminates the sockets that
 * did not answer the previous round's ping, then pings the rest. Thousands of idle watchers cost one
 * interval, not a timer each.
 */
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Starts pinging `wss.clients` every `intervalMs`; returns the function that stops it. Sockets for
 * which `spared` is true (paused slow clients: their pong waits behind what they have not read, and
 * the slow-client timeout decides their fate) are not terminated for a missing pong.
 */
export function startKeepAlive(wss: WebSocketServer, intervalMs: number, spared: (socket: WebSocket) => boolean = () => false): () => void {
  const alive = new WeakSet<WebSocket>();
  const markAlive = function (this: WebSocket) {
    alive.add(this);
  };
  const onConnection = (socket: WebSocket) => {
    alive.add(socket);
    socket.on('pong', markAlive);
  };
  wss.on('connection', onConnection);
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      if (!alive.has(socket) && !spared(socket)) {
        socket.terminate(); // no pong since the last round
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    wss.off('connection', onConnection);
  };
}
