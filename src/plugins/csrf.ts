import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Any one of these marks a request as sent by a script (a preflighted request); CORS allows them all. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-require-preflight', 'apollo-require-preflight'];

/** The content types a browser POSTs cross-origin without a preflight (an HTML form can send them). */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * The credential schemes the gateway accepts (src/github/credentials.ts). A browser never attaches these on
 * its own (it replays cached Basic/Digest/Negotiate credentials, never a Bearer token), and a script that
 * sets `Authorization` on a cross-origin request triggers a CORS preflight, like the CSRF headers do.
 */
const SCRIPT_ONLY_AUTHORIZATION = /^(bearer|token)\s/i;

/**
 * CSRF prevention. A cross-site page can make a browser send a "simple" request (a GET, or a form or
 * text/plain POST) without asking first; the gateway runs such a request only when something in it proves
 * a script sent it with the browser's consent (a CORS preflight it passed), which is either
 * - one of CSRF_HEADERS (Yoga's, GraphQL over HTTP's, Apollo's), or
 * - the caller's own `Authorization: Bearer …` (or `token …`): what every documented client setup sends,
 *   urql's default GET queries included. The gateway reads no cookie, so a request without such a header
 *   would act with the only ambient authority there is: the operator's GITHUB_TOKEN (when
 *   ANONYMOUS_USES_GITHUB_TOKEN=true) and the gateway's network position. Those stay protected.
 * JSON POSTs are preflighted by browsers and pass. Refusals: 403 CSRF_HEADER_REQUIRED.
 */
export function useCSRFCheck(): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      if (contentType && !SIMPLE_CONTENT_TYPES.some((simple) => contentType.startsWith(simple))) return;
      if (CSRF_HEADERS.some((name) => request.headers.has(name))) return;
      if (SCRIPT_ONLY_AUTHORIZATION.test(request.headers.get('authorization')?.trim() ?? '')) return;
      throw createGraphQLError(
        `A GET or form/text POST needs an \`Authorization: Bearer …\` header or one of ${CSRF_HEADERS.join(', ')} (CSRF prevention)`,
        { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
      );
    },
  };
}
