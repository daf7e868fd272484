/**
 * yoga reads `variables` and `extensions` of GET and form-encoded requests with a bare `JSON.parse`:
 * text that is not JSON throws a SyntaxError, which yoga answers as an unexpected error (500). This
 * plugin answers it as the bad request it is: 400, code `BAD_REQUEST`, saying what arrived.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

/** The yoga plugin; wraps whichever request parser yoga chose for the request. */
export function useJsonRequestParams(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof SyntaxError) throw notJsonError(request.url, error);
          throw error;
        }
      });
    },
  };
}

/** The 400 error naming the parameter that is not JSON and its text (from the URL; a form body is consumed). */
function notJsonError(url: string, error: SyntaxError): GraphQLError {
  const search = new URL(url, 'http://localhost').searchParams;
  const name = JSON_PARAMS.find((param) => !isJson(search.get(param)));
  const text = name === undefined ? undefined : search.get(name);
  const message =
    name === undefined || text == null
      ? `Expected "variables" and "extensions" to be JSON, but ${error.message}`
      : `Expected the "${name}" parameter to be JSON, but got ${JSON.stringify(text.slice(0, 100))}.`;
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

function isJson(text: string | null): boolean {
  if (!text) return true; // absent or empty: yoga treats it as not given
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
