import { describe, expect, it } from 'vitest';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { createGatewayApp } from './support/gateway.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

const JOB_FIELDS = /* GraphQL */ `
  id databaseId nodeId owner repo runAttempt name workflowName headBranch headSha
  status rawStatus conclusion rawConclusion createdAt startedAt completedAt duration queuedDuration
  url htmlUrl runUrl checkRunUrl labels
  run { id databaseId owner repo }
  runner { id name groupId groupName }
  steps { number name status rawStatus conclusion rawConclusion startedAt completedAt duration }
`;

const iso = (value: string | null | undefined) => (value ? new Date(value).toISOString() : null);

const h = useAppOnFakeGitHub({});

describe('GET /repos/{owner}/{repo}/actions/jobs/{job_id} as Query.job', () => {
  it('resolves every Job field with the value GitHub sent, for job id 111495700026', async () => {
    const { body } = await h.gateway.query(`query($id: BigInt!) { job(owner: "octo-org", repo: "public-app", jobId: $id) { ${JOB_FIELDS} } }`, {
      variables: { id: KNOWN.jobId },
      token: TOKENS.full,
    });
    expect(body.errors).toBeUndefined();
    const job = body.data.job;
    const rest = h.github.renderJob(KNOWN.jobId);
    expect(job.databaseId).toBe(111495700026);
    expect(Buffer.from(job.id, 'base64url').toString()).toBe('Job:octo-org/public-app/111495700026');
    expect(job).toMatchObject({
      nodeId: rest.node_id,
      owner: 'octo-org',
      repo: 'public-app',
      runAttempt: rest.run_attempt,
      name: rest.name,
      workflowName: rest.workflow_name,
      headBranch: rest.head_branch,
      headSha: rest.head_sha,
      status: 'COMPLETED',
      rawStatus: 'completed',
      conclusion: 'FAILURE',
      rawConclusion: 'failure',
      createdAt: iso(rest.created_at),
      startedAt: iso(rest.started_at),
      completedAt: iso(rest.completed_at),
      url: rest.url,
      htmlUrl: rest.html_url,
      runUrl: rest.run_url,
      checkRunUrl: rest.check_run_url,
      labels: rest.labels,
      run: { databaseId: KNOWN.jobRunId, owner: 'octo-org', repo: 'public-app' },
      runner: { id: rest.runner_id, name: rest.runner_name, groupId: rest.runner_group_id, groupName: rest.runner_group_name },
    });
    expect(job.duration).toBe((Date.parse(rest.completed_at!) - Date.parse(rest.started_at)) / 1000);
    expect(job.queuedDuration).toBe((Date.parse(rest.started_at) - Date.parse(rest.created_at)) / 1000);
    expect(Buffer.from(job.run.id, 'base64url').toString()).toBe(`WorkflowRun:octo-org/public-app/${KNOWN.jobRunId}`);
    expect(job.steps).toHaveLength(rest.steps!.length);
    rest.steps!.forEach((step, index) => {
      expect(job.steps[index]).toMatchObject({
        number: step.number,
        name: step.name,
        rawStatus: step.status,
        status: step.status.toUpperCase(),
        rawConclusion: step.conclusion,
        conclusion: step.conclusion ? step.conclusion.toUpperCase() : null,
        startedAt: iso(step.started_at),
        completedAt: iso(step.completed_at),
      });
    });
    expect(job.steps.map((s: { conclusion: string }) => s.conclusion)).toContain('SKIPPED');
    expect(job.steps.map((s: { number: number }) => s.number).some((n: number) => n >= 61)).toBe(true);
  });

  it('round-trips a job id above 2^31 given as a decimal string', async () => {
    const { body } = await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: "111495700026") { databaseId } }`, { token: TOKENS.full });
    expect(body.data.job.databaseId).toBe(111495700026);
  });

  it('treats owner and repo case-insensitively and reports GitHub\'s canonical casing', async () => {
    const { body } = await h.gateway.query(`{ job(owner: "OCTO-ORG", repo: "Public-App", jobId: ${KNOWN.jobId}) { owner repo } }`, { token: TOKENS.full });
    expect(body.data.job).toEqual({ owner: 'octo-org', repo: 'public-app' });
  });

  it('gives a queued job a null runner, null completion, null durations and pending steps', async () => {
    const { body } = await h.gateway.query(
      `{ queued: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.queuedJobId}) { status runner { name } completedAt duration queuedDuration conclusion }
         running: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.inProgressJobId}) { status conclusion runner { name } steps { status rawStatus conclusion } }
         waiting: job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.waitingJobId}) { status } }`,
      { token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.queued).toEqual({ status: 'QUEUED', runner: null, completedAt: null, duration: null, queuedDuration: null, conclusion: null });
    expect(body.data.running.status).toBe('IN_PROGRESS');
    expect(body.data.running.runner).not.toBeNull();
    expect(body.data.running.steps.some((s: { status: string }) => s.status === 'PENDING')).toBe(true);
    expect(body.data.running.steps.some((s: { conclusion: string | null }) => s.conclusion === null)).toBe(true);
    expect(body.data.waiting.status).toBe('WAITING');
  });

  it('degrades an enum value GitHub adds tomorrow to UNKNOWN and keeps the raw string, without failing the job', async () => {
    const jobId = KNOWN.crlfLogJobId;
    const original = h.github.dataset.getJob(jobId)!;
    h.github.dataset.updateJob(jobId, {
      status: 'deferred' as never,
      conclusion: 'stale' as never,
      steps: original.steps!.map((step, i) => (i === 0 ? { ...step, status: 'paused' as never, conclusion: 'vaporised' } : step)),
    });
    try {
      const { body } = await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${jobId}) { name status rawStatus conclusion rawConclusion steps { status rawStatus conclusion rawConclusion } } }`, { token: TOKENS.full });
      expect(body.errors).toBeUndefined();
      expect(body.data.job).toMatchObject({ name: original.name, status: 'UNKNOWN', rawStatus: 'deferred', conclusion: 'UNKNOWN', rawConclusion: 'stale' });
      expect(body.data.job.steps[0]).toEqual({ status: 'UNKNOWN', rawStatus: 'paused', conclusion: 'UNKNOWN', rawConclusion: 'vaporised' });
    } finally {
      h.github.dataset.updateJob(jobId, original);
    }
  });

  it('resolves node(id:) and nodes(ids:) from the global id alone', async () => {
    const first = await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { id name run { id } } }`, { token: TOKENS.full });
    const { id, name, run } = first.body.data.job;
    const { body } = await h.gateway.query(
      `query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename id ... on Job { name } }
         nodes(ids: $ids) { __typename id ... on WorkflowRun { databaseId } ... on Job { databaseId } } }`,
      { variables: { id, ids: [run.id, id] }, token: TOKENS.full },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.node).toEqual({ __typename: 'Job', id, name });
    expect(body.data.nodes).toEqual([
      { __typename: 'WorkflowRun', id: run.id, databaseId: KNOWN.jobRunId },
      { __typename: 'Job', id, databaseId: KNOWN.jobId },
    ]);
  });
});

describe('GitHub Enterprise Server base URL', () => {
  it('serves the same jobs from an /api/v3 base, tolerating a trailing slash', async () => {
    const ghes = createGatewayApp(`${h.github.ghesApiUrl}/`);
    try {
      h.github.resetRecords();
      const { body } = await ghes.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { owner repo url databaseId } }`, { token: TOKENS.full });
      expect(body.errors).toBeUndefined();
      expect(body.data.job.databaseId).toBe(KNOWN.jobId);
      expect(body.data.job.url).toContain('/api/v3/repos/octo-org/public-app/actions/jobs/');
      expect(h.github.requests.map((r) => r.path)).toEqual([`/api/v3/repos/octo-org/public-app/actions/jobs/${KNOWN.jobId}`]);
    } finally {
      await ghes.close();
    }
  });
});

describe('headers sent upstream', () => {
  it('sends Accept, X-GitHub-Api-Version, a User-Agent and the caller\'s token to the API host', async () => {
    h.github.resetRecords();
    await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`, { token: TOKENS.publicOnly });
    const [sent] = h.github.requests;
    expect(sent!.headers.accept).toBe('application/vnd.github+json');
    expect(sent!.headers['x-github-api-version']).toBe('2026-03-10');
    expect(sent!.headers['user-agent']).toMatch(/actions-jobs-gateway/);
    expect(sent!.token).toBe(TOKENS.publicOnly);
  });

  it('uses GITHUB_TOKEN for a caller without Authorization only with ANONYMOUS_USES_GITHUB_TOKEN=true; anonymous otherwise', async () => {
    const operator = createGatewayApp(h.github.apiUrl, { GITHUB_TOKEN: TOKENS.other, ANONYMOUS_USES_GITHUB_TOKEN: 'true' });
    try {
      h.github.resetRecords();
      await operator.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`);
      await h.gateway.query(`{ job(owner: "octo-org", repo: "public-app", jobId: ${KNOWN.jobId}) { name } }`);
      expect(h.github.requests.map((r) => r.token)).toEqual([TOKENS.other, null]);
    } finally {
      await operator.close();
    }
  });
});
