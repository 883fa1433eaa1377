// Query.workflowRuns and WorkflowRun's own fields, against the fake GitHub, with exact request counts.
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { RecentRunsDocument, type RecentRunsQuery } from '../schema/generated/graphql.ts';
import { useGatewayOnFakeGitHub } from './support/harness.ts';

// Revalidate every time, so each REST call shows up at the fake (a 304 is still a call).
const h = useGatewayOnFakeGitHub({ CACHE_MAX_AGE: 'off' });

const RUN_FIELDS = `name displayTitle runNumber runAttempt event status conclusion rawStatus rawConclusion headBranch headSha
  workflowId path createdAt updatedAt runStartedAt htmlUrl actor { login avatarUrl htmlUrl } triggeringActor { login }`;

interface RestRun {
  id: number;
  name: string;
  display_title: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: string;
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  workflow_id: number;
  path: string;
  created_at: string;
  updated_at: string;
  run_started_at: string;
  html_url: string;
  actor: { login: string; avatar_url: string; html_url: string };
  triggering_actor: { login: string };
}

/** What the gateway must answer for a REST run: the contract's mapping, written out once. */
function expected(rest: RestRun) {
  return {
    name: rest.name,
    displayTitle: rest.display_title,
    runNumber: rest.run_number,
    runAttempt: rest.run_attempt,
    event: rest.event,
    status: rest.status.toUpperCase(),
    conclusion: rest.conclusion?.toUpperCase() ?? null,
    rawStatus: rest.status,
    rawConclusion: rest.conclusion,
    headBranch: rest.head_branch,
    headSha: rest.head_sha,
    workflowId: rest.workflow_id,
    path: rest.path,
    createdAt: new Date(rest.created_at).toISOString(),
    updatedAt: new Date(rest.updated_at).toISOString(),
    runStartedAt: new Date(rest.run_started_at).toISOString(),
    htmlUrl: rest.html_url,
    actor: { login: rest.actor.login, avatarUrl: rest.actor.avatar_url, htmlUrl: rest.actor.html_url },
    triggeringActor: { login: rest.triggering_actor.login },
  };
}

async function restRuns(repo: string, query = ''): Promise<RestRun[]> {
  const runs: RestRun[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${h.github.apiUrl}/repos/${repo}/actions/runs?${query}${query ? '&' : ''}per_page=100&page=${page}`, {
      headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'test' },
    });
    const body = (await response.json()) as { workflow_runs: RestRun[] };
    runs.push(...body.workflow_runs);
    if (body.workflow_runs.length < 100) return runs;
  }
}

const apiCalls = () => h.github.requests.filter((request) => request.path !== '/rate_limit');

const LIST = `query ($owner: String!, $repo: String!, $workflow: String, $branch: String, $event: String, $actor: String, $headSha: String,
  $status: WorkflowRunStatusFilter, $created: String, $first: Int, $after: String, $last: Int, $before: String) {
  workflowRuns(owner: $owner, repo: $repo, workflow: $workflow, branch: $branch, event: $event, actor: $actor, headSha: $headSha,
    status: $status, created: $created, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { databaseId ${RUN_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

describe('Query.workflowRuns', () => {
  it("lists a repository's runs newest first with every field, in one call and no GET …/runs/{run_id}", async () => {
    const rest = await restRuns('octo-org/public-app');
    h.github.resetRecords();
    const { body } = await h.gateway.query(LIST, { variables: { owner: 'octo-org', repo: 'public-app', first: 5 }, token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    const connection = body.data?.workflowRuns;
    expect(connection.totalCount).toBe(rest.length);
    expect(connection.edges.map((edge: { node: unknown }) => edge.node)).toEqual(rest.slice(0, 5).map((run) => ({ databaseId: run.id, ...expected(run) })));
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // The planner's canonical page: one call either way, and the page other windows and the cache reuse.
    expect(apiCalls().map((request) => request.url)).toEqual(['/repos/octo-org/public-app/actions/runs?per_page=100&page=1']);
  });

  it.each([
    ['branch', 'main', 'branch=main'],
    ['event', 'pull_request', 'event=pull_request'],
    ['actor', 'dependabot[bot]', 'actor=dependabot%5Bbot%5D'],
    ['status', 'FAILURE', 'status=failure'],
    ['created', '>=2026-07-26', 'created=%3E%3D2026-07-26'],
  ])('filters by %s with one call carrying the filter', async (name, value, query) => {
    const rest = await restRuns(KNOWN.busyRepo, query);
    h.github.resetRecords();
    const { body } = await h.gateway.query(LIST, { variables: { owner: 'octo-org', repo: 'monorepo', [name]: value, first: 100 }, token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflowRuns.totalCount).toBe(rest.length);
    expect(body.data?.workflowRuns.edges.map((edge: { node: { databaseId: number } }) => edge.node.databaseId)).toEqual(rest.slice(0, 100).map((run) => run.id));
    expect(apiCalls().map((request) => request.url)).toEqual([`/repos/octo-org/monorepo/actions/runs?${query}&per_page=100&page=1`]);
  });

  it('filters by head SHA, and lists one workflow by file name', async () => {
    const [latest] = await restRuns('octo-org/public-app');
    h.github.resetRecords();
    const bySha = await h.gateway.query(LIST, { variables: { owner: 'octo-org', repo: 'public-app', headSha: latest?.head_sha, first: 10 }, token: TOKENS.full });
    expect(bySha.body.data?.workflowRuns.edges.map((edge: { node: { databaseId: number } }) => edge.node.databaseId)).toContain(latest?.id);
    const nightly = (await restRuns(KNOWN.busyRepo)).filter((run) => run.path.endsWith('/nightly.yml'));
    h.github.resetRecords();
    const byWorkflow = await h.gateway.query(LIST, { variables: { owner: 'octo-org', repo: 'monorepo', workflow: 'nightly.yml', first: 100 }, token: TOKENS.full });
    expect(byWorkflow.body.data?.workflowRuns.totalCount).toBe(nightly.length);
    expect(apiCalls().map((request) => request.url)).toEqual(['/repos/octo-org/monorepo/actions/workflows/nightly.yml/runs?per_page=100&page=1']);
  });

  it('pages forward and backward through 300+ runs at the planner minimum of calls', async () => {
    const rest = await restRuns(KNOWN.busyRepo);
    expect(rest.length).toBeGreaterThan(300);
    const ids = (data: { workflowRuns: { edges: Array<{ node: { databaseId: number } }> } }) => data.workflowRuns.edges.map((edge) => edge.node.databaseId);
    const variables = { owner: 'octo-org', repo: 'monorepo' };

    h.github.resetRecords();
    const head = await h.gateway.query(LIST, { variables: { ...variables, first: 150 }, token: TOKENS.full });
    expect(ids(head.body.data)).toEqual(rest.slice(0, 150).map((run) => run.id));
    expect(apiCalls()).toHaveLength(2); // 150 runs: two pages of 75

    h.github.resetRecords();
    const next = await h.gateway.query(LIST, { variables: { ...variables, first: 20, after: head.body.data.workflowRuns.pageInfo.endCursor }, token: TOKENS.full });
    expect(ids(next.body.data)).toEqual(rest.slice(150, 170).map((run) => run.id));
    expect(apiCalls()).toHaveLength(1);

    h.github.resetRecords();
    const tail = await h.gateway.query(LIST, { variables: { ...variables, last: 10 }, token: TOKENS.full });
    expect(ids(tail.body.data)).toEqual(rest.slice(-10).map((run) => run.id));
    expect(tail.body.data.workflowRuns.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(apiCalls()).toHaveLength(2); // page 1 for the total, then the page holding the tail

    h.github.resetRecords();
    const before = await h.gateway.query(LIST, { variables: { ...variables, last: 5, before: next.body.data.workflowRuns.pageInfo.startCursor }, token: TOKENS.full });
    expect(ids(before.body.data)).toEqual(rest.slice(145, 150).map((run) => run.id));
    expect(apiCalls()).toHaveLength(1);
  });

  it('serves the shipped RecentRuns document (schema/operations) page by page with a status filter', async () => {
    const failed = await restRuns(KNOWN.busyRepo, 'status=failure');
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const { body }: { body: { data?: RecentRunsQuery | null; errors?: unknown } } = await h.gateway.query<RecentRunsQuery>(print(RecentRunsDocument), { variables: { owner: 'octo-org', repo: 'monorepo', status: 'FAILURE', first: 25, after }, token: TOKENS.full });
      expect(body.errors).toBeUndefined();
      const runs: NonNullable<RecentRunsQuery['workflowRuns']> = body.data!.workflowRuns!;
      expect(runs.totalCount).toBe(failed.length);
      seen.push(...runs.nodes.map((run) => run.databaseId));
      expect(runs.nodes.every((run) => run.conclusion === 'FAILURE')).toBe(true);
      after = runs.pageInfo.hasNextPage ? (runs.pageInfo.endCursor ?? null) : null;
    } while (after);
    expect(seen).toEqual(failed.map((run) => run.id));
  });

  it('refuses bad arguments with BAD_USER_INPUT before any call; an unknown workflow is NOT_FOUND', async () => {
    for (const variables of [{ workflow: '../jobs' }, { workflow: 'a/b' }, { branch: '' }, { created: 'x'.repeat(300) }, { first: -1 }]) {
      const { body } = await h.gateway.query(LIST, { variables: { owner: 'octo-org', repo: 'public-app', ...variables }, token: TOKENS.full });
      expect(body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    expect(apiCalls()).toHaveLength(0);
    const { body } = await h.gateway.query(LIST, { variables: { owner: 'octo-org', repo: 'public-app', workflow: 'nope.yml' }, token: TOKENS.full });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(body.data?.workflowRuns).toBeNull();
  });
});

describe("WorkflowRun's own fields", () => {
  const runPath = `/repos/octo-org/public-app/actions/runs/${KNOWN.rerunRunId}`;
  const restRun = async (): Promise<RestRun> =>
    (await (await fetch(`${h.github.apiUrl}${runPath}`, { headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'test' } })).json()) as RestRun;

  it('loads GET …/runs/{run_id} once for workflowRun, however many fields; jobs alone cost no such call', async () => {
    const rest = await restRun();
    h.github.resetRecords();
    const query = `{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) { ${RUN_FIELDS} again: name jobs(first: 1) { totalCount } } }`;
    const { body } = await h.gateway.query(query, { token: TOKENS.full });
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflowRun).toMatchObject(expected(rest));
    expect(body.data?.workflowRun.runAttempt).toBe(3);
    expect(body.data?.workflowRun.triggeringActor.login).not.toBe(undefined);
    expect(apiCalls().map((request) => request.path).sort()).toEqual([runPath, `${runPath}/jobs`]);

    h.github.resetRecords();
    await h.gateway.query(`{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) { databaseId jobs(first: 1) { totalCount } } }`, { token: TOKENS.full });
    expect(apiCalls().map((request) => request.path)).toEqual([`${runPath}/jobs`]);
  });

  it('gives Job.run the same fields: one job GET and one run GET for many jobs of one run', async () => {
    const rest = (await (await fetch(`${h.github.apiUrl}/repos/octo-org/public-app/actions/runs/${KNOWN.jobRunId}`, { headers: { authorization: `Bearer ${TOKENS.full}`, 'user-agent': 'test' } })).json()) as RestRun;
    h.github.resetRecords();
    const { body } = await h.gateway.query(
      `{ a: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { run { ${RUN_FIELDS} } }
         b: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.crlfLogJobId}) { run { name status } } }`,
      { token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.a.run).toEqual(expected(rest));
    expect(body.data?.b.run).toEqual({ name: rest.name, status: 'COMPLETED' });
    expect(apiCalls().filter((request) => request.path.endsWith(`/runs/${KNOWN.jobRunId}`))).toHaveLength(1);
    expect(apiCalls()).toHaveLength(3);
  });

  it('resolves a federation reference with one GET per run only when a run field is selected', async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on WorkflowRun { databaseId SEL } } }`;
    const representations = [{ __typename: 'WorkflowRun', owner: 'octo-org', repo: 'public-app', databaseId: KNOWN.rerunRunId }];
    await h.gateway.query(query.replace('SEL', ''), { variables: { representations }, token: TOKENS.full });
    expect(apiCalls()).toHaveLength(0);
    const { body } = await h.gateway.query(query.replace('SEL', 'name conclusion'), { variables: { representations }, token: TOKENS.full });
    expect(body.data?._entities).toEqual([{ databaseId: KNOWN.rerunRunId, name: 'CI', conclusion: 'SUCCESS' }]);
    expect(apiCalls().map((request) => request.path)).toEqual([runPath]);
  });

  it('makes no GET …/runs/{run_id} for runs that came from a workflowRuns list in the same request', async () => {
    const { body } = await h.gateway.query(
      `{ workflowRuns(owner: "octo-org", repo: "public-app", first: 10) { nodes { databaseId name status } }
         workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.inProgressRunId}) { name status } }`,
      { token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.workflowRuns.nodes.map((run: { databaseId: number }) => run.databaseId)).toContain(KNOWN.inProgressRunId);
    expect(body.data?.workflowRun).toEqual({ name: 'Deploy', status: 'IN_PROGRESS' });
    expect(apiCalls().map((request) => request.path)).toEqual(['/repos/octo-org/public-app/actions/runs']);
  });

  it('degrades unknown status and conclusion values to UNKNOWN and keeps the raw strings', async () => {
    const rest = await restRun();
    h.github.injectFault({ path: runPath }, { kind: 'body', body: { ...rest, status: 'brand_new', conclusion: 'odd' } });
    const { body } = await h.gateway.query(`{ workflowRun(owner: "octo-org", repo: "public-app", runId: ${KNOWN.rerunRunId}) { status conclusion rawStatus rawConclusion } }`, { token: TOKENS.full });
    expect(body.data?.workflowRun).toEqual({ status: 'UNKNOWN', conclusion: 'UNKNOWN', rawStatus: 'brand_new', rawConclusion: 'odd' });
  });

  it('answers NOT_FOUND on the fields of a run the caller cannot see, data null there only', async () => {
    const { body } = await h.gateway.query(`{ workflowRun(owner: "octo-org", repo: "private-api", runId: ${KNOWN.privateRunId}) { databaseId name } }`, { token: TOKENS.publicOnly });
    expect(body.data?.workflowRun).toEqual({ databaseId: KNOWN.privateRunId, name: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
