/**
 * A limit on bracket nesting, checked before parsing: graphql-js parses selection sets, list and
 * object literals and list types recursively, and a few thousand nested brackets overflow the stack
 * (a RangeError, answered as an internal error). Lexing is iterative and cheap.
 */
import { Lexer, Source, TokenKind, type ParseOptions } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { limitError } from './limitError.js';

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * An envelop plugin that refuses, before parsing, a text with `{`, `[` or `(` nested more than
 * `maxNesting` deep within its first `maxTokens` tokens (the parser refuses longer texts by itself);
 * the error is a {@link limitError} (and `onRefused` is told). Syntax errors are left to the parser, which reports them.
 */
export function maxNestingPlugin(maxNesting: number, maxTokens: number, onRefused?: () => void): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      // envelop types its parse functions with `any`; the result goes on to envelop untouched.
      setParseFn((source: string | Source, options?: ParseOptions): unknown => {
        try {
          assertNesting(typeof source === 'string' ? source : source.body, maxNesting, maxTokens);
        } catch (error) {
          onRefused?.();
          throw error;
        }
        return parseFn(source, options);
      });
    },
  };
}

/** Throws a {@link limitError} naming the position where `text` first nests deeper than `maxNesting`. */
export function assertNesting(text: string, maxNesting: number, maxTokens: number): void {
  const lexer = new Lexer(new Source(text));
  let depth = 0;
  for (let count = 0; count <= maxTokens; count++) {
    let token;
    try {
      token = lexer.advance();
    } catch {
      return; // a syntax error, which the parser reports
    }
    if (token.kind === TokenKind.EOF) return;
    if (CLOSING.has(token.kind)) depth--;
    else if (OPENING.has(token.kind) && ++depth > maxNesting) {
      throw limitError(
        `Nesting limit of ${maxNesting} exceeded: expected at most ${maxNesting} nested brackets, ` +
          `found more at line ${token.line}, column ${token.column}.`,
      );
    }
  }
}
