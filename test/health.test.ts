import { describe, expect, it } from 'vitest';
import { createReadinessProbe } from '../src/health.ts';
import { GitHubRequestError } from '../src/github/request-error.ts';
import type { GitHubClient } from '../src/github/client.ts';
import { closedPort } from './support/closed-port.ts';
import { createGatewayApp } from './support/gateway.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

const h = useAppOnFakeGitHub();
const base = () => h.gateway.url.replace(/\/graphql$/, '');

describe('Kubernetes-style probes', () => {
  it('GET /healthz answers 200 without asking GitHub', async () => {
    const response = await h.gateway.fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(h.github.requests).toEqual([]);
  });

  it('GET /readyz answers 200 when GET {base}/rate_limit answers, anonymously, and caches the verdict for a few seconds', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => h.gateway.fetch(`${base()}/readyz`)));
    const again = await h.gateway.fetch(`${base()}/readyz`);

    for (const response of [...answers, again]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ready', ready: true, upstreamStatus: 200 });
    }
    // Four probes, one upstream request, without any credential (the operator's token is never spent).
    expect(h.github.requests.map((r) => `${r.method} ${r.path} ${r.token}`)).toEqual(['GET /rate_limit null']);
  });

  it('answers readiness at /readyz only, not at any path that ends with it', async () => {
    for (const path of ['/nested/readyz', '/graphql?then=/readyz']) {
      const response = await h.gateway.fetch(`${base()}${path}`);
      expect(await response.text()).not.toContain('"ready"');
    }
    expect(h.github.requests).toEqual([]);
  });

  it('GET /readyz answers 503 when the GitHub API base cannot be reached', async () => {
    const unreachable = createGatewayApp(`http://127.0.0.1:${await closedPort()}`);
    try {
      const response = await unreachable.fetch(unreachable.url.replace(/\/graphql$/, '/readyz'));
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', ready: false, reason: expect.stringContaining('unreachable') });
      // Liveness is not readiness: the process itself is fine.
      expect((await unreachable.fetch(unreachable.url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
    } finally {
      await unreachable.close();
    }
  });

  it('GET /readyz answers 503 when GitHub answers 5xx, 200 on a 4xx (it is there, just refusing)', async () => {
    let status = 503;
    let calls = 0;
    const client: GitHubClient = {
      baseUrl: 'http://h.github.invalid',
      getJson: async (path) => {
        calls++;
        throw new GitHubRequestError({ kind: 'http', status, method: 'GET', path });
      },
      getRedirect: async () => new URL('http://h.github.invalid'),
    };
    let now = 1_000_000;
    const check = createReadinessProbe({ client, cacheMs: 5_000, now: () => now });

    expect(await check()).toMatchObject({ ready: false, upstreamStatus: 503, reason: 'GitHub API answered 503' });
    status = 401;
    now += 4_999;
    expect((await check()).ready).toBe(false); // still the cached verdict
    now += 2;
    expect(await check()).toMatchObject({ ready: true, upstreamStatus: 401 });
    expect(calls).toBe(2);
  });
});
