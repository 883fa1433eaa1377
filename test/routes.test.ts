import { describe, expect, it } from 'vitest';
import { expandRoute, matchRoute, routeLabel, ROUTES } from '../src/github/routes.ts';

describe('the route table', () => {
  it('expands a template into the request path, percent-encoding every parameter', () => {
    expect(expandRoute('getJobForWorkflowRun', { owner: 'octo-org', repo: 'public-app', job_id: 111495700026 })).toBe('/repos/octo-org/public-app/actions/jobs/111495700026');
    expect(expandRoute('listJobsForWorkflowRunAttempt', { owner: 'a', repo: 'b/c', run_id: 1, attempt_number: 2 })).toBe('/repos/a/b%2Fc/actions/runs/1/attempts/2/jobs');
    expect(expandRoute('getRateLimit', {})).toBe('/rate_limit');
  });

  it('matches every expanded route back to its operation and parameters', () => {
    for (const operation of Object.keys(ROUTES) as Array<keyof typeof ROUTES>) {
      const params = { owner: 'octo-org', repo: 'public.app_1', job_id: 7, run_id: 8, attempt_number: 2, workflow_id: 'ci.yml' };
      const path = expandRoute(operation, params as never);
      const match = matchRoute('GET', path);
      expect(match?.operation, path).toBe(operation);
      for (const [name, value] of Object.entries(match?.params ?? {})) expect(String(params[name as keyof typeof params])).toBe(value);
    }
  });

  it('matches nothing outside the table: other methods, encoded slashes, trailing slashes, non-numeric ids', () => {
    expect(matchRoute('POST', '/repos/o/r/actions/jobs/1')).toBeUndefined();
    expect(matchRoute('GET', '/repos/o%2Fx/r/actions/jobs/1')).toBeUndefined();
    expect(matchRoute('GET', '/repos/o/r/actions/jobs/1/')).toBeUndefined();
    expect(matchRoute('GET', '/repos/o/r/actions/jobs/abc')).toBeUndefined();
  });

  it('labels a request target with its template, never with owner, repo or ids', () => {
    expect(routeLabel('/repos/octo-org/public-app/actions/runs/30433642101/jobs?filter=latest&per_page=100&page=1')).toBe('/repos/{owner}/{repo}/actions/runs/{run_id}/jobs');
    expect(routeLabel('/repos/octo-org/public-app/actions/jobs/1/logs')).toBe('/repos/{owner}/{repo}/actions/jobs/{job_id}/logs');
    expect(routeLabel('/somewhere/else')).toBe('other');
  });
});
