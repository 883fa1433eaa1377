// The query filters of GET …/actions/runs and …/workflows/{workflow_id}/runs, as GitHub applies them
// (GITHUB-REST.md, "Workflow runs"): actor, branch, event, head_sha, check_suite_id, status (a status or
// a conclusion) and created (GitHub's date-range syntax). With any of them GitHub returns at most
// 1,000 runs.
import type { RunState } from './run-factory.ts';

export interface FilterableRun {
  actorLogin: string;
  branch: string | null;
  event: string;
  headSha: string;
  checkSuiteId: number;
  /** Epoch seconds. */
  createdAt: number;
  state: RunState;
}

const FILTERS = ['actor', 'branch', 'event', 'head_sha', 'check_suite_id', 'status', 'created'] as const;
export const FILTERED_RESULT_CAP = 1000;

export function hasFilters(query: URLSearchParams): boolean {
  return FILTERS.some((name) => query.has(name));
}

/** A predicate for the query's filters; an unparseable `created` matches nothing, as on GitHub. */
export function runFilter(query: URLSearchParams): (run: FilterableRun) => boolean {
  const actor = query.get('actor');
  const branch = query.get('branch');
  const event = query.get('event');
  const headSha = query.get('head_sha');
  const checkSuiteId = query.get('check_suite_id');
  const status = query.get('status');
  const created = query.has('created') ? parseDateRange(query.get('created') ?? '') : undefined;
  return (run) =>
    (actor === null || run.actorLogin === actor) &&
    (branch === null || run.branch === branch) &&
    (event === null || run.event === event) &&
    (headSha === null || run.headSha === headSha) &&
    (checkSuiteId === null || String(run.checkSuiteId) === checkSuiteId) &&
    (status === null || run.state.status === status || run.state.conclusion === status) &&
    (created === undefined || (created !== null && run.createdAt >= created.from && run.createdAt < created.to));
}

/** [from, to) in epoch seconds; null when the text is not GitHub's syntax. */
export function parseDateRange(text: string): { from: number; to: number } | null {
  const value = text.trim();
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const from = range[1] === '*' ? { start: -Infinity, end: -Infinity } : parseInstant(range[1] as string);
    const to = range[2] === '*' ? { start: Infinity, end: Infinity } : parseInstant(range[2] as string);
    return from && to ? { from: from.start, to: to.end } : null;
  }
  const comparison = /^(>=|<=|>|<)?(.+)$/.exec(value);
  const instant = comparison ? parseInstant(comparison[2] as string) : null;
  if (!comparison || !instant) return null;
  switch (comparison[1]) {
    case '>=':
      return { from: instant.start, to: Infinity };
    case '>':
      return { from: instant.end, to: Infinity };
    case '<=':
      return { from: -Infinity, to: instant.end };
    case '<':
      return { from: -Infinity, to: instant.start };
    default:
      return { from: instant.start, to: instant.end };
  }
}

/** A date covers its whole (UTC) day; a date-time covers its second. */
function parseInstant(text: string): { start: number; end: number } | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`) / 1000;
    return Number.isNaN(start) ? null : { start, end: start + 86_400 };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/.test(text)) {
    const start = Date.parse(/Z|[+-]\d{2}:\d{2}$/.test(text) ? text : `${text}Z`) / 1000;
    return Number.isNaN(start) ? null : { start, end: start + 1 };
  }
  return null;
}
