import { Trace } from '@apollo/usage-reporting-protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { startAppOnFakeGitHub, type AppOnFakeGitHub } from './support/app-fetch.ts';

/**
 * Apollo federated tracing (ftv1) as Apollo Router and GraphOS ask for it, decoded with Apollo's own
 * protobuf definitions (@apollo/usage-reporting-protobuf, what the router and Apollo Server use).
 */
let app: AppOnFakeGitHub;
beforeAll(async () => {
  app = await startAppOnFakeGitHub();
});
afterAll(() => app.close());

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await app.fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.full}`, ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
}

/** Every node of a trace tree with its response path. */
function walk(node: Trace.INode, path: string[] = [], out: Array<{ path: string; node: Trace.INode }> = []) {
  for (const child of node.child ?? []) {
    // A list item has an index and an empty responseName (protobuf defaults).
    const here = [...path, child.responseName || String(child.index ?? 0)];
    out.push({ path: here.join('.'), node: child });
    walk(child, here, out);
  }
  return out;
}

const JOB = `{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name steps { name } } }`;

describe('federated tracing (ftv1)', () => {
  it('adds extensions.ftv1 when asked with apollo-federation-include-trace: ftv1, a trace of the fields resolved', async () => {
    const body = await post(JOB, { 'apollo-federation-include-trace': 'ftv1' });
    expect(body.errors).toBeUndefined();
    expect(typeof body.extensions?.ftv1).toBe('string');
    const trace = Trace.decode(Buffer.from(body.extensions!.ftv1 as string, 'base64'));
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
    expect(trace.startTime?.seconds).toBeTruthy();
    const nodes = walk(trace.root!);
    const job = nodes.find((entry) => entry.path === 'job')!;
    expect(job.node).toMatchObject({ type: 'Job', parentType: 'Query' });
    expect(Number(job.node.endTime)).toBeGreaterThanOrEqual(Number(job.node.startTime));
    expect(nodes.map((entry) => entry.path)).toEqual(expect.arrayContaining(['job.name', 'job.steps', 'job.steps.0.name']));
  });

  it('adds no ftv1 when not asked', async () => {
    const body = await post(JOB);
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.ftv1).toBeUndefined();
  });

  it("records a field's error with its code and a masked message, while the client gets the real message", async () => {
    const body = await post('{ job(owner: "octo-org", repo: "public-app", jobId: 1) { name } }', { 'apollo-federation-include-trace': 'ftv1' });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const trace = Trace.decode(Buffer.from(body.extensions!.ftv1 as string, 'base64'));
    const job = walk(trace.root!).find((entry) => entry.path === 'job')!;
    expect(job.node.error).toHaveLength(1);
    const recorded = job.node.error![0]!;
    expect(recorded.message).toBe('<masked>');
    expect(JSON.parse(recorded.json!)).toMatchObject({ message: '<masked>', extensions: { code: 'NOT_FOUND' } });
    expect(recorded.json).not.toContain(body.errors![0]!.message);
  });
});
