/** RFC 6901 JSON Pointers: parsing into reference tokens (clients) and escaping one token (the server's diff). */

/** Splits a JSON Pointer into unescaped tokens; "" is the whole document. Throws on a malformed pointer. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`a JSON Pointer must be empty or start with "/", got ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      // "~" must be followed by 0 or 1; anything else is not a pointer we can interpret safely.
      if (/~(?![01])/.test(token)) throw new Error(`invalid escape in JSON Pointer ${JSON.stringify(pointer)}`);
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

/** Escapes one reference token of an RFC 6901 JSON Pointer ("~" → "~0", "/" → "~1"). */
export function escapePointerToken(token: string): string {
  // GraphQL response names never contain either character, so the fast path is the common one.
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
