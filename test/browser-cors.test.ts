import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { startGateway, type RunningGateway } from './support/gateway.ts';

/**
 * CSRF and CORS as a browser enforces them: a page on another origin (another port on loopback) calls the
 * gateway with fetch() from headless Chromium. A listed origin gets through with each CSRF header and with
 * a Bearer token (both preflighted); an unlisted one is stopped by the browser before the query is sent.
 */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dashboard</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe.skipIf(!existsSync(CHROMIUM))('a cross-origin page in Chromium calling the gateway', () => {
  let github: FakeGitHub;
  let gateway: RunningGateway;
  let allowed: Awaited<ReturnType<typeof pageServer>>;
  let other: Awaited<ReturnType<typeof pageServer>>;
  let browser: Browser;

  beforeAll(async () => {
    [allowed, other, github] = await Promise.all([pageServer(), pageServer(), startFakeGitHub()]);
    gateway = await startGateway(github.apiUrl, { CORS_ORIGINS: allowed.origin });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await Promise.all([github?.close(), allowed?.close(), other?.close()]);
  });

  const JOB_QUERY = `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`;

  /** fetch() in the page: a GET of JOB_QUERY with the given headers; the outcome as the page sees it. */
  async function getFrom(origin: string, headers: Record<string, string>): Promise<{ status: number; body: any } | { failed: string }> {
    const page: Page = await browser.newPage();
    try {
      await page.goto(origin);
      return await page.evaluate(
        async ({ url, headers }) => {
          try {
            const response = await fetch(url, { headers: { accept: 'application/json', ...headers } });
            return { status: response.status, body: await response.json() };
          } catch (error) {
            return { failed: String(error) };
          }
        },
        { url: `${gateway.url}?query=${encodeURIComponent(JOB_QUERY)}`, headers },
      );
    } finally {
      await page.close();
    }
  }

  it.each([
    ['apollo-require-preflight', { 'apollo-require-preflight': 'true' }],
    ['graphql-require-preflight', { 'graphql-require-preflight': '1' }],
    ['x-graphql-yoga-csrf', { 'x-graphql-yoga-csrf': '1' }],
    ['Authorization: Bearer (urql with a token)', { authorization: `Bearer ${TOKENS.full}` }],
  ])('a listed origin runs a GET query carrying %s (the preflight allows the header)', async (_name, headers) => {
    const outcome = await getFrom(allowed.origin, headers);
    expect(outcome).toMatchObject({ status: 200, body: { data: { job: { name: github.dataset.getJob(KNOWN.jobId)!.name } } } });
  });

  it('a listed origin’s plain GET (no token, no CSRF header) is refused: 403 CSRF_HEADER_REQUIRED, and GitHub is not asked', async () => {
    github.resetRecords();
    const outcome = await getFrom(allowed.origin, {});
    expect(outcome).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'CSRF_HEADER_REQUIRED' } }] } });
    expect(github.requests).toHaveLength(0);
  });

  it('an unlisted origin is stopped by the browser at the preflight: the query never runs', async () => {
    github.resetRecords();
    const outcome = await getFrom(other.origin, { authorization: `Bearer ${TOKENS.full}` });
    expect(outcome).toMatchObject({ failed: expect.stringMatching(/Failed to fetch/) });
    expect(github.requests).toHaveLength(0);
  });
});
