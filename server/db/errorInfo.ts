/** The loggable fields of a thrown value: `{ err: message }`, whatever was thrown. */
export function errorInfo(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { err: err.message } : { err: String(err) };
}
