import type { Plugin } from 'graphql-yoga';

/**
 * Bounds the request body before anything reads it: a POST must say its length (Content-Length) and
 * stay within MAX_BODY_BYTES; larger answers 413, a streamed body of unknown length 411. Node's HTTP
 * parser holds a body to its Content-Length, so the check is exact. GET requests carry the query in the
 * URL, which Node bounds with its header limit (431).
 */
export function useBodyLimit({ maxBytes }: { maxBytes: number }): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const header = request.headers.get('content-length');
      const length = header !== null && /^\d{1,16}$/.test(header) ? Number(header) : undefined;
      const fail = (status: number, code: string, message: string) =>
        endResponse(new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } }));
      if (length === undefined) return fail(411, 'LENGTH_REQUIRED', 'A request body needs a Content-Length');
      if (length > maxBytes) return fail(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes`);
    },
  };
}
