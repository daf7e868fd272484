/**
 * What a token that jose refused was wrong with, in words for the client. Failures of the server's
 * own key source (the JWKS unreachable, or not a key set) are not the token's fault: they are left to
 * be thrown, so the client sees a server error and not a reason to sign in again.
 */
import { errors } from 'jose';

/** The client-facing message of a token failure, or undefined when `error` is not one. */
export function tokenFailure(error: unknown, algorithms: readonly string[]): string | undefined {
  if (!(error instanceof errors.JOSEError)) return undefined;
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload.exp;
    const when = typeof exp === 'number' ? ` at ${new Date(exp * 1000).toISOString()}` : '';
    return `The token expired${when}; get a fresh one.`;
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `The token's "${error.claim}" claim is not valid (${error.message}).`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `Expected a token signed with ${algorithms.join(' or ')}, but its "alg" is another.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token\'s signature does not verify.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'Expected a token signed by a key of the key set, but none matches its "kid" and "alg".';
  if (error instanceof errors.JWKSMultipleMatchingKeys) return 'Expected a token whose "kid" names one key of the key set, but several match.';
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKInvalid
  ) {
    return `Expected a signed JWT, but the token is not one: ${error.message}`;
  }
  return undefined;
}
