/** Lengths the server accepts for comments (schema/comments.graphql); inputs stop at them. */

/** Most characters in an author's name. */
export const AUTHOR_MAX = 100;
/** Most characters in a comment's text. */
export const COMMENT_MAX = 10_000;
