import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  JobDetailsDocument,
  JobFailuresDocument,
  LiveRunDocument,
  RateLimitDocument,
  RecentRunsDocument,
  RunJobsPageDocument,
  type JobDetailsQuery,
  type RunJobsPageQuery,
} from '../schema/generated/graphql.ts';
import { KNOWN, TOKENS } from '../fake-github/index.ts';
import { useAppOnFakeGitHub } from './support/harness.ts';

/**
 * The typed documents codegen generates from schema/operations/*.graphql, run against the real gateway
 * as a frontend would send them (graphql's `print` of the TypedDocumentNode). A schema change that breaks
 * a client operation fails here, not in a user's browser.
 */
const h = useAppOnFakeGitHub();

async function run<Result, Variables extends Record<string, unknown>>(document: TypedDocumentNode<Result, Variables>, variables: Variables, token: string | null = TOKENS.full) {
  const response = await h.gateway.query<Result>(print(document), { variables, token });
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data as Result;
}


describe('generated client documents (schema/generated) against the gateway', () => {
  it('RunJobsPage: pages through the 260-job run with first/after, steps included', async () => {
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: RunJobsPageQuery = await run(RunJobsPageDocument, { owner: 'octo-org', repo: 'monorepo', runId: KNOWN.bigRunId, first: 100, after });
      const jobs = data.workflowRun.jobs!;
      expect(jobs.totalCount).toBe(KNOWN.bigRunJobCount);
      names.push(...jobs.edges.map((edge) => edge.node.name));
      expect(jobs.edges.every((edge) => edge.node.steps.length > 0 && edge.cursor.length > 0)).toBe(true);
      after = jobs.pageInfo.hasNextPage ? jobs.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(names).toEqual(h.github.dataset.jobsOfRun(KNOWN.bigRunId, 'latest')!.map((job) => job.name));
  });

  it('RunJobsPage: one attempt of a re-run run', async () => {
    const data = await run(RunJobsPageDocument, { owner: 'octo-org', repo: 'public-app', runId: KNOWN.rerunRunId, attempt: 1 });
    expect(data.workflowRun.jobs!.totalCount).toBe(KNOWN.rerunJobsPerAttempt);
    expect(data.workflowRun.jobs!.edges.every((edge) => edge.node.runAttempt === 1)).toBe(true);
  });

  it('JobDetails: a job with its steps and its runner', async () => {
    const data: JobDetailsQuery = await run(JobDetailsDocument, { owner: 'octo-org', repo: 'public-app', jobId: KNOWN.jobId });
    const raw = h.github.dataset.getJob(KNOWN.jobId)!;
    const job = data.job!;
    expect(job).toMatchObject({ databaseId: KNOWN.jobId, name: raw.name, conclusion: 'FAILURE', run: { databaseId: KNOWN.jobRunId } });
    expect(job.runner).toEqual({ id: raw.runner_id, name: raw.runner_name, groupId: raw.runner_group_id, groupName: raw.runner_group_name });
    expect(job.steps.map((step) => step.number)).toEqual((raw.steps ?? []).map((step) => step.number));
  });

  it("JobFailures: the failed job's failing step and the ##[error] lines of its log", async () => {
    const data = await run(JobFailuresDocument, { owner: 'octo-org', repo: 'public-app', jobId: KNOWN.jobId });
    const failing = data.job!.steps.filter((step) => step.conclusion === 'FAILURE');
    expect(failing.map((step) => step.name)).toEqual(['Run tests']);
    const errors = data.job!.logs!.errors;
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((line) => line.content)).toContain('Process completed with exit code 1.');
    expect(errors.every((line) => line.number > 0 && !line.content.includes('\u001b'))).toBe(true);
  });

  it('RateLimit: the caller’s core limit from GET /rate_limit', async () => {
    const data = await run(RateLimitDocument, {});
    expect(data.rateLimit).toMatchObject({ limit: 5000, resource: 'core' });
  });

  it('ships persisted-documents.json: each document carries the sha256 of its normalized text', () => {
    const persisted = JSON.parse(readFileSync(new URL('../schema/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
    const documents = [RunJobsPageDocument, JobDetailsDocument, JobFailuresDocument, RateLimitDocument, RecentRunsDocument, LiveRunDocument];
    for (const document of documents) {
      const hash = (document as unknown as { __meta__: { hash: string } }).__meta__.hash;
      expect(persisted[hash]).toBeDefined();
      expect(`sha256:${createHash('sha256').update(persisted[hash]!).digest('hex')}`).toBe(hash);
    }
    expect(Object.keys(persisted)).toHaveLength(documents.length);
  });
});
