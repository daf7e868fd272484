/** RFC 6901 JSON Pointers, parsed into reference tokens. */

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
