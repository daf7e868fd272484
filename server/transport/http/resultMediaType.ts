/**
 * The media type of a single GraphQL result over HTTP, chosen from the request's Accept header the
 * way yoga's result processors choose it, so the fast path (graphqlPost.ts) answers exactly as yoga.
 */

/** The two media types of a single JSON result (GraphQL over HTTP). */
export type ResultMediaType = 'application/graphql-response+json' | 'application/json';

const RESULT_MEDIA_TYPES: readonly ResultMediaType[] = ['application/graphql-response+json', 'application/json'];

/**
 * The media type yoga would answer a single result with, or null when the Accept header allows
 * neither (yoga answers 406) or names only non-UTF-8 charsets. Yoga walks the accepted types from last
 * to first and the later match wins, so the first acceptable type in the header is the one used;
 * `*` wildcards match, and a missing header counts as `*\/*` (which gives application/json).
 */
export function resultMediaType(accept: string | undefined): ResultMediaType | null {
  const key = accept ?? '';
  const known = chosenByHeader.get(key);
  if (known !== undefined) return known;
  const chosen = chooseMediaType(accept);
  // Clients send a handful of distinct headers; a full table means someone is sending junk.
  if (chosenByHeader.size >= MAX_KNOWN_HEADERS) chosenByHeader.clear();
  chosenByHeader.set(key, chosen);
  return chosen;
}

/** Accept headers seen, with the media type chosen for each (parsing one costs more than the lookup). */
const chosenByHeader = new Map<string, ResultMediaType | null>();
const MAX_KNOWN_HEADERS = 256;

function chooseMediaType(accept: string | undefined): ResultMediaType | null {
  const accepted = (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  let chosen: ResultMediaType | null = null;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const [mediaType, ...params] = (accepted[i] as string).split(';');
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (!mediaType || charset !== 'charset=utf-8') continue;
    for (const candidate of RESULT_MEDIA_TYPES) {
      if (matches(candidate, mediaType)) chosen = candidate;
    }
  }
  return chosen;
}

function matches(candidate: string, asked: string): boolean {
  const [type, subtype] = candidate.split('/');
  const [askedType, askedSubtype] = asked.split('/');
  return (askedType === '*' || askedType === type) && (askedSubtype === '*' || askedSubtype === subtype);
}
