import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Plugin } from 'graphql-yoga';

export type GraphiQLPageOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

interface Page {
  etag: string;
  html: Buffer;
  /** Compressed on first demand, once per encoding. */
  encoded: Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>;
}

type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * GraphiQL, bundled (`@graphql-yoga/render-graphiql`: no CDN, works offline), is one ~9 MB HTML page.
 * Served as Yoga does it, that is 9 MB on every load. Here it is rendered once, on the first request
 * (the bundle is imported then too, so a gateway nobody opens GraphiQL on never loads it), compressed
 * once per encoding a browser asks for (brotli ~1.9 MB, gzip ~2.4 MB) in zlib's thread pool, and
 * revalidated with its ETag: a second load is a 304 without a body.
 */
export function useGraphiQLPage({ endpoint, options }: { endpoint: string; options: GraphiQLPageOptions }): Plugin {
  let page: Promise<Page> | undefined;
  const load = () =>
    (page ??= render(options).catch((error: unknown) => {
      page = undefined; // a failed render is not remembered
      throw error;
    }));
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || (url.pathname !== endpoint && url.pathname !== `${endpoint}/`)) return;
      // Yoga's own rule for "a browser wants the page": a GET that accepts HTML; other GETs are queries.
      if (!request.headers.get('accept')?.includes('text/html')) return;
      return load().then(async (loaded) => endResponse(await respond(loaded, request.headers, fetchAPI.Response)));
    },
  };
}

async function render(options: GraphiQLPageOptions): Promise<Page> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const html = Buffer.from(renderGraphiQL(options));
  return { etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 32)}"`, html, encoded: new Map() };
}

function compress(html: Buffer, encoding: Exclude<Encoding, 'identity'>): Promise<Buffer> {
  if (encoding === 'gzip') return gzipped(html, { level: 6 });
  // Quality 5: within 5% of quality 9's size at a third of its time; 11 takes most of a minute.
  return brotli(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: html.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } });
}

async function respond(page: Page, headers: Headers, Response: typeof globalThis.Response): Promise<Response> {
  const common = {
    etag: page.etag,
    // Stored, but revalidated on every use: the page changes with the gateway's version and options.
    'cache-control': 'no-cache',
    vary: 'Accept, Accept-Encoding',
  };
  if (matches(headers.get('if-none-match'), page.etag)) return new Response(null, { status: 304, headers: common });
  const encoding = preferredEncoding(headers.get('accept-encoding'));
  let body = page.html;
  if (encoding !== 'identity') {
    let encoded = page.encoded.get(encoding);
    if (!encoded) page.encoded.set(encoding, (encoded = compress(page.html, encoding)));
    body = await encoded;
  }
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), {
    status: 200,
    headers: {
      ...common,
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(body.length),
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    },
  });
}

/** `If-None-Match`: a list of entity tags (weak ones compare equal for GET, RFC 9110 §13.1.2), or `*`. */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** The best encoding the client accepts (RFC 9110 §12.5.3): brotli, then gzip, else none; `;q=0` refuses one. */
export function preferredEncoding(header: string | null): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => accepted.get(name) ?? (accepted.get('*') ?? 0);
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}
