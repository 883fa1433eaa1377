import type { LogLine } from './log-line.ts';
import { stripAnsi } from './parse-log.ts';

/*
 * Which log lines belong to which step. The log carries no step numbers, so this is a best-effort alignment;
 * it never throws, and a line it cannot place belongs to no step.
 *
 * The rule:
 * 1. Step headers. The runner opens each step that runs with `##[group]Run <action or first script line>`;
 *    a post step begins with `Post job cleanup.` (sometimes after its own `##[group]Run …`, which then counts
 *    as the same header); "Complete job" begins with `Evaluate and set job outputs` or `Cleaning up orphan
 *    processes`. Other groups (`##[group]Operating System` in "Set up job") are not headers.
 * 2. Steps that can have output: started_at set, not skipped, status not pending/queued/waiting/requested.
 *    Every other step gets an empty list. Roles: "Set up job", "Complete job", post steps (the `Post …`
 *    steps that come last before "Complete job"), and main steps (the rest).
 * 3. Headers are matched to steps in order (an order-preserving alignment that maximises a score, so a
 *    header may stay unmatched, e.g. a user's `::group::Run tests` or a composite action's inner steps,
 *    and a step may get no header):
 *    - `##[group]Run …` can open a main or a post step, `Post job cleanup.` only a post step (and scores a
 *      little higher there), a Complete-job line only "Complete job";
 *    - the header text equals the step name (`Run npm ci` ↔ `Run npm ci`; `Post Run x` ↔ `Run x`) — bonus.
 *      Steps named by `name:` or `uses:` (`Set up Node`) do not match their header text: order decides;
 *    - time cross-check: a header fits a step when its timestamp truncated to the second lies within the
 *      step's [started_at, completed_at] (seconds, inclusive; completed_at null = still running): bonus;
 *      one second off: neutral (the two clocks round differently); further off: penalty;
 *    - on a tie, a step takes the earliest fitting header (extra `Run …` groups live inside a step's output,
 *      after its real header).
 * 4. A matched step owns the lines from its header up to the next matched header. "Set up job" owns the
 *    lines before the first matched header.
 * 5. Inside a step's lines, a line whose second is past that step's completed_at moves to the next step
 *    that got no header and whose window contains that second (e.g. "Complete job" without its marker
 *    lines, or a step whose header was not found). Lines without a timestamp follow the line above.
 *    Lines before the first header when there is no "Set up job" belong to such a step by time, or to none.
 */

export interface StepForSlicing {
  number: number;
  name: string;
  status: string;
  conclusion: string | null;
  started_at?: string | null;
  completed_at?: string | null;
}

type Role = 'setup' | 'main' | 'post' | 'complete';
type BoundaryType = 'run' | 'post' | 'complete';

interface Candidate {
  step: StepForSlicing;
  role: Role;
  /** Position among all steps sorted by number. */
  order: number;
  /** Window in whole seconds since the epoch; null when unknown; end null also while running. */
  start: number | null;
  end: number | null;
}

interface Boundary {
  /** Index in `lines` where the step's output begins. */
  index: number;
  type: BoundaryType;
  /** `Run …` text of a `##[group]Run` header, if any. */
  header: string | null;
  second: number | null;
}

const SETUP_JOB = 'Set up job';
const COMPLETE_JOB = 'Complete job';
const POST_PREFIX = 'Post ';
const POST_CLEANUP = 'Post job cleanup.';
const COMPLETE_MARKERS = ['Evaluate and set job outputs', 'Cleaning up orphan processes'];
const STATUSES_WITHOUT_OUTPUT = new Set(['pending', 'queued', 'waiting', 'requested']);

const MATCH = 10;
const NAME_BONUS = 5;
const POST_CLEANUP_BONUS = 2;
const IN_WINDOW = 3;
const OUT_OF_WINDOW = -8;

export function sliceStepLines(lines: readonly LogLine[], steps: readonly StepForSlicing[]): Map<number, LogLine[]> {
  const result = new Map<number, LogLine[]>();
  const sorted = [...steps].sort((a, b) => a.number - b.number);
  for (const step of sorted) result.set(step.number, []);
  if (lines.length === 0 || sorted.length === 0) return result;

  const roles = assignRoles(sorted);
  const candidates: Candidate[] = [];
  sorted.forEach((step, order) => {
    if (!hasOutput(step)) return;
    const end = stepSecond(step.completed_at);
    candidates.push({ step, role: roles[order] as Role, order, start: stepSecond(step.started_at), end });
  });
  if (candidates.length === 0) return result;

  const setup = candidates.find((candidate) => candidate.role === 'setup') ?? null;
  const alignable = candidates.filter((candidate) => candidate.role !== 'setup');
  const boundaries = findBoundaries(lines);
  const matches = align(boundaries, alignable);

  // Segments: [line index where it starts, owner], in line order.
  const segments: Array<{ index: number; owner: Candidate | null }> = [{ index: 0, owner: setup }];
  for (const { boundary, candidate } of matches) segments.push({ index: boundary.index, owner: candidate });
  const matched = new Set(matches.map((match) => match.candidate));
  if (setup) matched.add(setup);

  for (let k = 0; k < segments.length; k++) {
    const { index: from, owner } = segments[k] as (typeof segments)[number];
    const to = k + 1 < segments.length ? (segments[k + 1] as (typeof segments)[number]).index : lines.length;
    const next = k + 1 < segments.length ? (segments[k + 1] as (typeof segments)[number]).owner : null;
    // Steps without a header between this owner and the next matched one may claim lines by time.
    const lo = owner ? owner.order : -1;
    const hi = next ? next.order : Number.POSITIVE_INFINITY;
    const gap = alignable.filter((c) => !matched.has(c) && c.order > lo && c.order < hi);
    assignByTime(lines, from, to, owner, gap, result);
  }
  return result;
}

function assignRoles(sorted: readonly StepForSlicing[]): Role[] {
  const roles: Role[] = sorted.map((step) =>
    step.name === SETUP_JOB ? 'setup' : step.name === COMPLETE_JOB ? 'complete' : 'main',
  );
  // Post steps run last, just before "Complete job": walk back from the end over `Post …` names, so a main
  // step a user named "Post comment" in the middle of the job stays a main step.
  let i = sorted.length - 1;
  while (i >= 0 && roles[i] === 'complete') i--;
  while (i >= 0 && roles[i] === 'main' && (sorted[i] as StepForSlicing).name.startsWith(POST_PREFIX)) {
    roles[i] = 'post';
    i--;
  }
  return roles;
}

function hasOutput(step: StepForSlicing): boolean {
  return Boolean(step.started_at) && step.conclusion !== 'skipped' && !STATUSES_WITHOUT_OUTPUT.has(step.status);
}

function findBoundaries(lines: readonly LogLine[]): Boundary[] {
  const boundaries: Boundary[] = [];
  // For the `##[group]Run` + `Post job cleanup.` pair: where the last Run header's group closed.
  let lastRun: Boundary | null = null;
  let lastRunClosedAt = -1;
  lines.forEach((line, index) => {
    const second = lineSecond(line);
    if (line.kind === 'GROUP') {
      const text = stripAnsi(line.content).trim();
      if (!text.startsWith('Run ')) return;
      const previous = boundaries.at(-1);
      if (previous && previous.type === 'post' && previous.header === null && previous.index === index - 1) {
        previous.header = text;
        return;
      }
      lastRun = { index, type: 'run', header: text, second };
      lastRunClosedAt = -1;
      boundaries.push(lastRun);
      return;
    }
    if (line.kind === 'ENDGROUP') {
      if (lastRun && lastRunClosedAt === -1) lastRunClosedAt = index;
      return;
    }
    if (line.kind !== 'OUTPUT') return;
    const text = stripAnsi(line.content).trim();
    if (text === POST_CLEANUP) {
      const previous = boundaries.at(-1);
      // Right inside or right after the header's group: the same step.
      if (previous && previous === lastRun && previous.type === 'run' && (lastRunClosedAt === -1 || index === lastRunClosedAt + 1)) {
        previous.type = 'post';
        lastRun = null;
        return;
      }
      boundaries.push({ index, type: 'post', header: null, second });
      lastRun = null;
      return;
    }
    if (COMPLETE_MARKERS.some((marker) => text.startsWith(marker))) {
      boundaries.push({ index, type: 'complete', header: null, second });
      lastRun = null;
    }
  });
  return boundaries;
}

/** Order-preserving alignment of headers to steps maximising the summed score (Needleman–Wunsch, no gap cost). */
function align(boundaries: readonly Boundary[], candidates: readonly Candidate[]): Array<{ boundary: Boundary; candidate: Candidate }> {
  const m = boundaries.length;
  const n = candidates.length;
  if (m === 0 || n === 0) return [];
  const width = n + 1;
  const best = new Float64Array((m + 1) * width);
  const at = (i: number, j: number): number => best[i * width + j] as number;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const matchScore = at(i - 1, j - 1) + score(boundaries[i - 1] as Boundary, candidates[j - 1] as Candidate);
      best[i * width + j] = Math.max(at(i - 1, j), at(i, j - 1), matchScore);
    }
  }
  const matches: Array<{ boundary: Boundary; candidate: Candidate }> = [];
  let i = m;
  let j = n;
  while (i > 0 && j > 0) {
    const here = at(i, j);
    const boundary = boundaries[i - 1] as Boundary;
    const candidate = candidates[j - 1] as Candidate;
    if (here === at(i - 1, j)) {
      i--; // header i-1 stays plain output: on a tie the step takes an earlier header
    } else if (here === at(i - 1, j - 1) + score(boundary, candidate)) {
      matches.push({ boundary, candidate });
      i--;
      j--;
    } else {
      j--; // step j-1 got no header
    }
  }
  return matches.reverse();
}

function score(boundary: Boundary, candidate: Candidate): number {
  const { type } = boundary;
  const { role } = candidate;
  const fits =
    (type === 'run' && (role === 'main' || role === 'post')) ||
    (type === 'post' && role === 'post') ||
    (type === 'complete' && role === 'complete');
  if (!fits) return Number.NEGATIVE_INFINITY;
  let total = MATCH;
  if (type === 'post') total += POST_CLEANUP_BONUS;
  if (boundary.header !== null) {
    const name = role === 'post' ? candidate.step.name.slice(POST_PREFIX.length) : candidate.step.name;
    if (name.trim() === boundary.header) total += NAME_BONUS;
  }
  if (boundary.second !== null && candidate.start !== null) {
    const end = candidate.end ?? Number.POSITIVE_INFINITY;
    if (boundary.second >= candidate.start && boundary.second <= end) total += IN_WINDOW;
    else if (boundary.second < candidate.start - 1 || boundary.second > end + 1) total += OUT_OF_WINDOW;
  }
  return total;
}

function assignByTime(
  lines: readonly LogLine[],
  from: number,
  to: number,
  owner: Candidate | null,
  gap: readonly Candidate[],
  result: Map<number, LogLine[]>,
): void {
  let current = owner;
  let nextGap = 0;
  for (let index = from; index < to; index++) {
    const line = lines[index] as LogLine;
    const second = lineSecond(line);
    const past = current === null || (current.end !== null && second !== null && second > current.end);
    if (second !== null && past && nextGap < gap.length) {
      for (let g = nextGap; g < gap.length; g++) {
        const candidate = gap[g] as Candidate;
        if (withinWindow(second, candidate)) {
          current = candidate;
          nextGap = g + 1;
          break;
        }
      }
    }
    if (current) result.get(current.step.number)?.push(line);
  }
}

function withinWindow(second: number, candidate: Candidate): boolean {
  if (candidate.start === null) return false;
  return second >= candidate.start && second <= (candidate.end ?? Number.POSITIVE_INFINITY);
}

/** A log timestamp (`2026-10-04T17:58:51.3907173Z`) truncated to whole seconds since the epoch. */
function lineSecond(line: LogLine): number | null {
  if (line.timestamp === null) return null;
  const ms = Date.parse(`${line.timestamp.slice(0, 19)}Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** A step timestamp (`2026-10-04T17:58:51Z`, possibly with an offset or fraction) in whole seconds. */
function stepSecond(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}
