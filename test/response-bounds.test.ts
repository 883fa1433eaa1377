// One caller cannot make the gateway build a huge answer or hold unbounded log memory: the static size
// estimate (MAX_RESPONSE_BYTES), the runtime size stop, each request's share of log memory
// (MAX_REQUEST_LOG_BYTES) and the process-wide log budget (LOG_MEMORY_BYTES).
import { afterAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { createGatewayApp, type RunningGateway } from './support/gateway.ts';
import { useFakeGitHub } from './support/harness.ts';

const h = useFakeGitHub();
const gateways: RunningGateway[] = [];
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
});

async function gatewayWith(env: Record<string, string>): Promise<RunningGateway> {
  const gateway = createGatewayApp(h.github.apiUrl, { CACHE: 'false', ...env });
  gateways.push(gateway);
  return gateway;
}

const jobNodeId = encodeGlobalId('Job', `octo-org/public-app/${KNOWN.jobId}`);
const codes = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.map((error) => error.extensions?.code);

describe('the static size estimate (MAX_RESPONSE_BYTES, before execution)', () => {
  it('refuses the same job id 30 times with logs { text } (RESPONSE_TOO_LARGE with estimate and limit), calling nothing', async () => {
    const gateway = await gatewayWith({});
    const { status, body } = await gateway.query('query Q($ids: [ID!]!) { nodes(ids: $ids) { ... on Job { logs { text } } } }', {
      token: TOKENS.full,
      variables: { ids: Array(30).fill(jobNodeId) },
    });
    expect(status).toBe(200);
    expect(codes(body)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(body.errors![0]!.extensions).toMatchObject({ limit: 100 * 1024 * 1024 });
    expect(body.errors![0]!.extensions!.estimate).toBeGreaterThan(30 * 10 * 1024 * 1024 - 1);
    expect(body.data).toBeUndefined();
    expect(h.github.requests).toHaveLength(0);
    expect(h.github.storageRequests).toHaveLength(0);
  });

  it('counts every alias of a log field: 11 × text of one job is refused, 9 are answered', async () => {
    const gateway = await gatewayWith({});
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: text`).join(' ');
    const job = (n: number) => `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { logs { ${aliases(n)} } } }`;
    const refused = await gateway.query(job(11), { token: TOKENS.full });
    expect(codes(refused.body)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(h.github.requests).toHaveLength(0);
    const answered = await gateway.query(job(9), { token: TOKENS.full });
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data!.job.logs.t8).toBe(answered.body.data!.job.logs.t0);
  });

  it('counts __typename aliases on every entry: refused under a small MAX_RESPONSE_BYTES', async () => {
    const gateway = await gatewayWith({ MAX_RESPONSE_BYTES: '100000' });
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ');
    const { body } = await gateway.query(`query Q($ids: [ID!]!) { nodes(ids: $ids) { ${aliases} } }`, { token: TOKENS.full, variables: { ids: Array(100).fill(jobNodeId) } });
    expect(codes(body)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(h.github.requests).toHaveLength(0);
  });
});

describe('the runtime size stop', () => {
  it('ends a response that grows past MAX_RESPONSE_BYTES anyway with one RESPONSE_TOO_LARGE error and no data (not a 500)', async () => {
    // With 1 KiB logs the estimate allows a few lines; the log's many short lines frame to more than that.
    const gateway = await gatewayWith({ MAX_LOG_BYTES: '1024', MAX_RESPONSE_BYTES: '1800' });
    const { status, body } = await gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { logs { lines { content } } } }`, { token: TOKENS.full });
    expect(status).toBe(200);
    expect(codes(body)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(body.errors![0]!.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', limit: 1800 });
    expect(body.data).toBeUndefined();
    expect(h.github.storageRequests).toHaveLength(1); // it ran: the stop came at run time
  });
});

describe('log memory', () => {
  it("fails a job's log with RESPONSE_TOO_LARGE when the request's share (MAX_REQUEST_LOG_BYTES) is full; its other jobs answer", async () => {
    const gateway = await gatewayWith({ MAX_LOG_BYTES: '4096', MAX_REQUEST_LOG_BYTES: '4096' });
    const { body } = await gateway.query(
      `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.jobRunId}) { jobs(first: 3) { nodes { name logs { text } } } } }`,
      { token: TOKENS.full },
    );
    const nodes = body.data!.workflowRun.jobs.nodes as Array<{ name: string; logs: { text: string } | null }>;
    expect(nodes.map((node) => node.name)).toHaveLength(3);
    // Each log keeps 4096 bytes: the first fills the request's share, the others cannot fit.
    expect(nodes.filter((node) => node.logs !== null)).toHaveLength(1);
    expect(codes(body)).toEqual(['RESPONSE_TOO_LARGE', 'RESPONSE_TOO_LARGE']);
  });

  it('queues downloads beyond LOG_MEMORY_BYTES and fails the one that waited past the deadline with LOG_BUDGET_EXHAUSTED', async () => {
    const gateway = await gatewayWith({ MAX_LOG_BYTES: '4096', LOG_MEMORY_BYTES: '4096', GITHUB_REQUEST_DEADLINE_MS: '300', GITHUB_RETRIES: '0' });
    // The first download holds the whole budget while its storage answer is slow.
    h.github.injectFault({ target: 'storage', path: '/logs/' }, { kind: 'delay', ms: 1_000 });
    const job = `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name logs { text } } }`;
    const slow = gateway.query(job, { token: TOKENS.full });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const other = `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.crlfLogJobId}) { name logs { text } } }`;
    const waiting = await gateway.query(other, { token: TOKENS.other });
    expect(codes(waiting.body)).toEqual(['LOG_BUDGET_EXHAUSTED']);
    expect(waiting.body.data!.job.name).toBeTypeOf('string');
    await slow;
  });
});
