// GraphQL documents the upstream-behaviour tests and the bench share: jobs by id under aliases.
import { KNOWN } from '../../fake-github/dataset.ts';

/** The 9 jobs of KNOWN.jobRunId in octo-org/public-app (111495700020..28). */
export const PUBLIC_JOB_IDS = Array.from({ length: 9 }, (_, i) => 111_495_700_020 + i);

export const jobPath = (jobId: number, repo = 'octo-org/public-app') => `/repos/${repo}/actions/jobs/${jobId}`;

/** `{ j0: job(…) { … } j1: … }`: one root field per id, so each resolves (and fails) on its own. */
export function jobsQuery(jobIds: readonly number[], { repo = 'public-app', owner = 'octo-org', fields = 'databaseId name status steps { number name }' } = {}): string {
  const selections = jobIds.map((id, i) => `j${i}: job(owner: "${owner}", repo: "${repo}", jobId: ${id}) { ${fields} }`);
  return `{ ${selections.join(' ')} }`;
}

export const KNOWN_JOB_QUERY = jobsQuery([KNOWN.jobId]);
