/** A real JSON Web Key Set served over node:http on port 0, with the private keys to sign for it. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

/** A key set server: its URL, a way to sign tokens with its keys, how often it was fetched. */
export interface JwksServer {
  readonly url: string;
  /** Signs a token for `sub` with the RS256 or ES256 key (kid `rs` / `es`); `exp` in `expiresInSeconds`. */
  sign(alg: 'RS256' | 'ES256', sub: string, options?: { name?: string; expiresInSeconds?: number }): Promise<string>;
  readonly fetches: number;
  close(): Promise<void>;
}

/** Generates an RS256 and an ES256 key pair and serves their public halves as a JWKS. */
export async function startJwksServer(): Promise<JwksServer> {
  const rs = await generateKeyPair('RS256');
  const es = await generateKeyPair('ES256');
  const keys = [
    { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' },
  ];
  let fetches = 0;
  const server = http.createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const privateKeys: Record<'RS256' | 'ES256', { key: CryptoKey; kid: string }> = {
    RS256: { key: rs.privateKey, kid: 'rs' },
    ES256: { key: es.privateKey, kid: 'es' },
  };
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    sign(alg, sub, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const { key, kid } = privateKeys[alg];
      return new SignJWT(options.name === undefined ? {} : { name: options.name })
        .setProtectedHeader({ alg, kid })
        .setSubject(sub)
        .setExpirationTime(now + (options.expiresInSeconds ?? 3_600))
        .sign(key);
    },
    get fetches() {
      return fetches;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
