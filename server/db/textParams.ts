/**
 * Statement parameters in PostgreSQL's text format, for a statement sent without asking the server
 * for its parameter types first (one protocol exchange instead of two): the SQL casts each parameter
 * (`$1::text[]`), the value travels as text. Covers the values the store binds; anything else is a
 * programming error and throws.
 */

/** The text form of `value` for a statement parameter; null for SQL NULL. */
export function toTextParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return arrayLiteral(value);
  return scalarText(value);
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      // String() gives the shortest exact decimal, but "0" for -0; float8 reads NaN and ±Infinity by name.
      if (Object.is(value, -0)) return '-0';
      return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value instanceof Date) return value.toISOString();
      return JSON.stringify(value);
    default:
      throw new TypeError(`cannot send a ${typeof value} as a statement parameter`);
  }
}

/** An array literal (`{"a","b",NULL}`): every element quoted, so no content needs other escaping. */
function arrayLiteral(items: readonly unknown[]): string {
  const parts = items.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    return `"${scalarText(item).replace(/[\\"]/g, '\\$&')}"`;
  });
  return `{${parts.join(',')}}`;
}
