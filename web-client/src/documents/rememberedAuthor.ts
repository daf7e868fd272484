/** The comment author's name, remembered in localStorage so the form is filled in next time. */

const KEY = 'livedoc.commentAuthor';

/** The remembered name, or '' when there is none or storage is unavailable (e.g. blocked by the browser). */
export function loadAuthor(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

/** Remembers `name`; silently does nothing when storage is unavailable, as the name is only a convenience. */
export function saveAuthor(name: string): void {
  try {
    window.localStorage.setItem(KEY, name);
  } catch {
    // Storage full or blocked: the user types the name again next time.
  }
}
