/**
 * The runtime side of MAX_RESPONSE_BYTES. The cost limit refuses what could be too large before anything
 * runs; if a response grows past the limit anyway (a log of long lines, escapes that JSON widens), the
 * fields that return large values charge their bytes to the request's account (request-account.ts), the
 * field that crosses the limit fails with this error, and the response-size plugin replaces the whole
 * result with one RESPONSE_TOO_LARGE error before it is serialized.
 */
export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(readonly limit: number) {
    super(`This response grew past ${limit} bytes (MAX_RESPONSE_BYTES)`);
  }
}

export interface ResponseAccount {
  /** Adds a value's bytes; throws ResponseTooLargeError once the response is over the limit. */
  chargeResponse(bytes: number): void;
}
