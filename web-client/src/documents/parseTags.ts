/** Tags as typed in a text field: comma separated, trimmed, without empties or duplicates. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];
}
