// At the default log level an operator reads why GitHub could not be reached: a real refused port, a host
// name that cannot resolve, TLS spoken to a plain-HTTP server, a deadline; never the caller's token.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/telemetry/logging.ts';
import { KNOWN, startFakeGitHub, TOKENS, type FakeGitHub } from '../fake-github/index.ts';
import { closedPort } from './support/closed-port.ts';
import { startGateway } from './support/gateway.ts';
import { jobPath, KNOWN_JOB_QUERY } from './support/job-queries.ts';

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github.close();
});

/** Runs the known job query through a gateway on `apiUrl`, logging at the default level; returns the error code and the lines. */
async function failWith(apiUrl: string, env: Record<string, string> = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: loadConfig({}).logLevel, destination });
  const gateway = await startGateway(apiUrl, { GITHUB_RETRIES: '0', ...env }, { logger, log: logger });
  try {
    const response = await gateway.query(KNOWN_JOB_QUERY, { token: TOKENS.full });
    const code = response.body.errors?.[0]?.extensions?.code;
    await new Promise((resolve) => setTimeout(resolve, 50)); // pino's destination is asynchronous
    const failures = lines.filter((line) => String(line.msg).startsWith('GitHub request failed'));
    expect(lines.map((line) => JSON.stringify(line)).join('\n')).not.toContain(TOKENS.full);
    return { code, failures };
  } finally {
    await gateway.close();
  }
}

describe('the default log level says why a GitHub call failed', () => {
  it('a refused connection: reason refused, ECONNREFUSED, the host and port', async () => {
    const port = await closedPort();
    const { code, failures } = await failWith(`http://127.0.0.1:${port}`);
    expect(code).toBe('UPSTREAM_ERROR');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 40, reason: 'refused', code: 'ECONNREFUSED', host: `127.0.0.1:${port}`, path: jobPath(KNOWN.jobId) });
    expect(failures[0]?.msg).toBe(`GitHub request failed: connection refused (127.0.0.1:${port}, ECONNREFUSED)`);
  });

  it('a host name that does not resolve: reason dns (ENOTFOUND, or EAI_AGAIN without a resolver)', async () => {
    const { code, failures } = await failWith('https://nonexistent.invalid');
    expect(code).toBe('UPSTREAM_ERROR');
    expect(failures[0]).toMatchObject({ reason: 'dns', host: 'nonexistent.invalid' });
    expect(failures[0]?.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(failures[0]?.detail).toContain('nonexistent.invalid');
  });

  it('TLS spoken to a plain-HTTP server: reason tls', async () => {
    const { code, failures } = await failWith(github.apiUrl.replace(/^http:/, 'https:'));
    expect(code).toBe('UPSTREAM_ERROR');
    expect(failures[0]).toMatchObject({ reason: 'tls' });
    expect(failures[0]?.code).toMatch(/SSL|TLS|EPROTO/);
  });

  it('an answer slower than the deadline: reason timeout, UPSTREAM_TIMEOUT to the caller', async () => {
    github.injectFault({ path: jobPath(KNOWN.jobId), times: 1 }, { kind: 'delay', ms: 1_500 });
    const { code, failures } = await failWith(github.apiUrl, { GITHUB_REQUEST_DEADLINE_MS: '300' });
    expect(code).toBe('UPSTREAM_TIMEOUT');
    expect(failures[0]).toMatchObject({ reason: 'timeout', host: new URL(github.apiUrl).host });
    expect(failures[0]?.msg).toMatch(/^GitHub request failed: timed out/);
  });
});
