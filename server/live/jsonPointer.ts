/** Escapes one reference token of an RFC 6901 JSON Pointer ("~" → "~0", "/" → "~1"). */
export function escapePointerToken(token: string): string {
  // GraphQL response names never contain either character, so the fast path is the common one.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
