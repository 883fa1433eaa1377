import {
  getArgumentValues,
  getVariableValues,
  isAbstractType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { needsTotal, requestWindow, resolveWindow, type ConnectionArgs } from '../plan/window.ts';
import { isValidId, isValidOwner, isValidRepo } from '../github/names.ts';
import { MAX_PER_PAGE, planPages, type ItemWindow } from '../plan/pages.ts';
import { parseNodeId } from '../schema/global-id.ts';

/**
 * A static upper bound of the GitHub REST calls one operation can cause, computed from the document,
 * its variables and the schema before anything executes (the cost-limit plugin refuses what is over
 * MAX_UPSTREAM_CALLS_PER_QUERY). It follows what the resolvers and per-request loaders do:
 * - `workflowRun { jobs(…) }`: the planned REST pages of the window (pagination.ts' planner, the same
 *   connection rules: 30 by default; `last` without `before` first asks page 1 for the total). Windows of
 *   one list (same run, filter/attempt) are planned together, as the jobWindow loader merges them;
 * - `job`, `node`/`nodes` (Job ids), `_entities` (Job representations): one GET per distinct job;
 * - `Job.logs` / `Step.log`: one log download (the 302 GET) per job, however many log fields;
 * - `rateLimit`: at most one GET /rate_limit;
 * - the rest of a job (steps included) comes with the job: free.
 * Costs multiply through nesting (N jobs × per-job cost) and add up over aliases; identical calls with
 * arguments known statically are counted once, like the loaders dedupe them.
 *
 * Why not @pothos/plugin-complexity: it scores abstract points per field times list multipliers; the
 * unit here must be REST calls, which depends on merging windows into page plans, on cursor offsets and
 * on which lookups dedupe by key: state across sibling fields that its per-field `complexity(args)`
 * cannot see. A field that cannot resolve (a bad argument, an invalid cursor) fails before any call and
 * costs nothing.
 */
export interface EstimateOptions {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  /** MAX_CONNECTION_SIZE: larger windows are refused by the resolver, before any call. */
  maxConnectionSize: number;
  /** Selections visited before the estimate gives up (fragment bombs); `calls` is then Infinity. */
  maxVisits?: number;
}

export interface CostEstimate {
  /** Upper bound of REST calls; Infinity when the document was too large to walk. */
  calls: number;
}

interface RunRef {
  owner: string;
  repo: string;
  runId: number;
}

/** What a selection set on Job stands for: `count` jobs, named by `keys` when known statically. */
interface JobScope {
  count: number;
  keys: string[] | null;
  /** The runs these jobs belong to (Job.run): known when the jobs came from a run's list. */
  runs: RunScope;
  logsCharged: boolean;
}

interface RunScope {
  count: number;
  refs: RunRef[] | null;
}

class TooLarge extends Error {}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  maxSize: number;
  visits: number;
  maxVisits: number;
  /** Windows per list key, planned together at the end. */
  lists: Map<string, ItemWindow[]>;
  jobLookups: Set<string>;
  logs: Set<string>;
  counted: number;
}

export function estimateCost({ schema, document, operationName, variables, maxConnectionSize, maxVisits = 100_000 }: EstimateOptions): CostEstimate {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const selected = operationName ? operations.filter((o) => o.name?.value === operationName) : operations;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Without an operation name only a single operation executes; for several (an error anyway) take the costliest.
  let calls = 0;
  for (const operation of selected) calls = Math.max(calls, estimateOperation(schema, operation, fragments, variables ?? {}, maxConnectionSize, maxVisits));
  return { calls };
}

function estimateOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  inputs: Record<string, unknown>,
  maxSize: number,
  maxVisits: number,
): number {
  if (operation.operation !== 'query') return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  // Variables that do not coerce fail the request before execution: nothing is called.
  if (coerced.errors) return 0;
  const walk: Walk = { schema, fragments, variables: coerced.coerced, maxSize, visits: 0, maxVisits, lists: new Map(), jobLookups: new Set(), logs: new Set(), counted: 0 };
  try {
    walkQuery(walk, operation.selectionSet);
  } catch (error) {
    if (error instanceof TooLarge) return Number.POSITIVE_INFINITY;
    throw error;
  }
  let pages = 0;
  for (const windows of walk.lists.values()) pages += planPages(windows.map((w) => (w.count > 0 ? w : { offset: w.offset, count: 1 })))?.pages.length ?? 0;
  return walk.counted + pages + walk.jobLookups.size + walk.logs.size;
}

/** The fields a selection set selects on `typeName`, fragments expanded (type conditions honoured, cycles cut). */
function collectFields(walk: Walk, selectionSet: SelectionSetNode, typeName: string, out: FieldNode[] = [], spreading = new Set<string>()): FieldNode[] {
  for (const selection of selectionSet.selections) {
    if (++walk.visits > walk.maxVisits) throw new TooLarge();
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!selection.typeCondition || applies(walk.schema, selection.typeCondition.name.value, typeName)) collectFields(walk, selection.selectionSet, typeName, out, spreading);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || spreading.has(name) || !applies(walk.schema, fragment.typeCondition.name.value, typeName)) continue;
      spreading.add(name);
      collectFields(walk, fragment.selectionSet, typeName, out, spreading);
      spreading.delete(name);
    }
  }
  return out;
}

function applies(schema: GraphQLSchema, condition: string, typeName: string): boolean {
  if (condition === typeName) return true;
  const abstract = schema.getType(condition);
  const concrete = schema.getType(typeName);
  return !!abstract && !!concrete && isAbstractType(abstract) && 'getInterfaces' in concrete && schema.isSubType(abstract, concrete as never);
}

/** Coerced arguments, or undefined when they do not coerce (the field then fails before any call). */
function argsOf(walk: Walk, typeName: string, field: FieldNode): Record<string, unknown> | undefined {
  const type = walk.schema.getType(typeName);
  const definition = type && 'getFields' in type ? (type.getFields() as Record<string, Parameters<typeof getArgumentValues>[0]>)[field.name.value] : undefined;
  if (!definition) return undefined;
  try {
    return getArgumentValues(definition, field, walk.variables);
  } catch {
    return undefined;
  }
}

function jobKey(owner: string, repo: string, jobId: number): string {
  return `${owner.toLowerCase()}/${repo.toLowerCase()}/${jobId}`;
}

function validRef(owner: unknown, repo: unknown, id: unknown): boolean {
  return typeof owner === 'string' && typeof repo === 'string' && isValidOwner(owner) && isValidRepo(repo) && typeof id === 'number' && isValidId(id);
}

function walkQuery(walk: Walk, selectionSet: SelectionSetNode): void {
  for (const field of collectFields(walk, selectionSet, 'Query')) {
    const args = argsOf(walk, 'Query', field);
    const children = field.selectionSet;
    switch (field.name.value) {
      case 'job': {
        if (!args || !validRef(args.owner, args.repo, args.jobId)) break;
        const key = jobKey(args.owner as string, args.repo as string, args.jobId as number);
        walk.jobLookups.add(key);
        if (children) walkJob(walk, children, { count: 1, keys: [key], runs: { count: 1, refs: null }, logsCharged: false });
        break;
      }
      case 'workflowRun':
        if (args && validRef(args.owner, args.repo, args.runId) && children) {
          walkRun(walk, children, { count: 1, refs: [{ owner: args.owner as string, repo: args.repo as string, runId: args.runId as number }] });
        }
        break;
      case 'node':
      case 'nodes': {
        const ids = args ? (field.name.value === 'node' ? [args.id] : ((args.ids as unknown[]) ?? [])) : [];
        const jobs: string[] = [];
        const runs: RunRef[] = [];
        for (const id of ids) {
          try {
            const ref = parseNodeId(String(id));
            if (ref.typename === 'Job') jobs.push(jobKey(ref.owner, ref.repo, ref.databaseId));
            else runs.push({ owner: ref.owner, repo: ref.repo, runId: ref.databaseId });
          } catch {
            // Not an id this gateway issued: that entry fails before any call.
          }
        }
        entities(walk, children, jobs, runs);
        break;
      }
      case '_entities': {
        const jobs: string[] = [];
        const runs: RunRef[] = [];
        for (const representation of (args?.representations as unknown[] | undefined) ?? []) {
          const ref = representationRef(representation);
          if (ref?.typename === 'Job') jobs.push(jobKey(ref.owner, ref.repo, ref.runId));
          else if (ref) runs.push(ref);
        }
        entities(walk, children, jobs, runs);
        break;
      }
      case 'rateLimit':
        // GET /rate_limit only when no call of this request (or an earlier one) told the limit; free, but a call.
        walk.counted += 1;
        break;
      default:
        break;
    }
  }
}

function entities(walk: Walk, children: SelectionSetNode | undefined, jobs: string[], runs: RunRef[]): void {
  for (const key of jobs) walk.jobLookups.add(key);
  if (!children) return;
  if (jobs.length > 0) walkJob(walk, children, { count: jobs.length, keys: jobs, runs: { count: jobs.length, refs: null }, logsCharged: false });
  if (runs.length > 0) walkRun(walk, children, { count: runs.length, refs: runs });
}

function representationRef(value: unknown): (RunRef & { typename: string }) | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { __typename: typename, id, owner, repo, databaseId } = value as Record<string, unknown>;
  if (typename !== 'Job' && typename !== 'WorkflowRun') return undefined;
  if (typeof id === 'string') {
    try {
      const ref = parseNodeId(id);
      return ref.typename === typename ? { typename, owner: ref.owner, repo: ref.repo, runId: ref.databaseId } : undefined;
    } catch {
      return undefined;
    }
  }
  const numeric = typeof databaseId === 'string' && /^\d{1,16}$/.test(databaseId) ? Number(databaseId) : databaseId;
  return validRef(owner, repo, numeric) ? { typename, owner: owner as string, repo: repo as string, runId: numeric as number } : undefined;
}

function walkRun(walk: Walk, selectionSet: SelectionSetNode, runs: RunScope): void {
  for (const field of collectFields(walk, selectionSet, 'WorkflowRun')) {
    if (field.name.value !== 'jobs') continue;
    const args = argsOf(walk, 'WorkflowRun', field);
    if (!args) continue;
    const attempt = (args.attempt as number | null | undefined) ?? null;
    if (attempt !== null && attempt < 1) continue;
    const filter = args.filter === 'all' ? 'all' : 'latest';
    const jobs = connectionJobs(walk, runs, args as ConnectionArgs, attempt, filter);
    if (jobs && field.selectionSet) walkConnection(walk, field.selectionSet, jobs);
  }
}

/** Charges one `jobs(…)` connection on every run of the scope; returns the jobs it stands for. */
function connectionJobs(walk: Walk, runs: RunScope, args: ConnectionArgs, attempt: number | null, filter: string): JobScope | undefined {
  if (runs.refs) {
    const keys: string[] = [];
    let count = 0;
    for (const ref of runs.refs) {
      const scope = `${ref.owner.toLowerCase()}/${ref.repo.toLowerCase()}/${ref.runId}/${attempt !== null ? `attempt-${attempt}` : filter}`;
      let requested;
      try {
        requested = requestWindow(args, scope, walk.maxSize);
      } catch {
        continue; // out of range or a foreign cursor: BAD_USER_INPUT before any call
      }
      const windows = walk.lists.get(scope) ?? [];
      walk.lists.set(scope, windows);
      if (needsTotal(requested)) {
        // Page 1 tells the total; the tail's position is unknown until then: its own pages on top.
        windows.push({ offset: 0, count: MAX_PER_PAGE });
        walk.counted += Math.ceil((requested.last ?? 0) / MAX_PER_PAGE);
        count += requested.last ?? 0;
        continue;
      }
      const window = resolveWindow(requested, undefined);
      windows.push(window);
      for (let i = 0; i < window.count; i++) keys.push(`${scope}@${window.offset + i}`);
      count += window.count;
    }
    return { count, keys: keys.length === count ? keys : null, runs, logsCharged: false };
  }
  // Runs not known statically (reached through jobs of unknown runs): the same window on each.
  const size = windowSize(walk, args);
  if (size === undefined) return undefined;
  walk.counted += runs.count * size.pages;
  return { count: runs.count * size.jobs, keys: null, runs, logsCharged: false };
}

function windowSize(walk: Walk, args: ConnectionArgs): { pages: number; jobs: number } | undefined {
  let requested;
  try {
    // The cursor's scope is unknown here: only its offset matters for the page count.
    const loose = { ...args, after: looseCursor(args.after), before: looseCursor(args.before) };
    requested = requestWindow(loose, '*', walk.maxSize);
  } catch {
    return undefined;
  }
  if (needsTotal(requested)) {
    const last = requested.last ?? 0;
    return { pages: 1 + Math.ceil(last / MAX_PER_PAGE), jobs: last };
  }
  const window = resolveWindow(requested, undefined);
  return { pages: planPages([window.count > 0 ? window : { offset: window.offset, count: 1 }])?.pages.length ?? 0, jobs: window.count };
}

/** Re-issues a cursor of any scope under the scope '*', so only malformed ones fail. */
function looseCursor(cursor: string | null | undefined): string | null | undefined {
  if (cursor == null) return cursor;
  const text = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:.+:(\d{1,9})$/.exec(text);
  if (!match) return cursor;
  return Buffer.from(`v1:*:${match[1]}`, 'utf8').toString('base64url');
}

function walkConnection(walk: Walk, selectionSet: SelectionSetNode, jobs: JobScope): void {
  for (const field of collectFields(walk, selectionSet, 'WorkflowJobConnection')) {
    if (!field.selectionSet) continue;
    if (field.name.value === 'nodes') walkJob(walk, field.selectionSet, jobs);
    else if (field.name.value === 'edges') {
      for (const edgeField of collectFields(walk, field.selectionSet, 'WorkflowJobEdge')) {
        if (edgeField.name.value === 'node' && edgeField.selectionSet) walkJob(walk, edgeField.selectionSet, jobs);
      }
    }
  }
}

function walkJob(walk: Walk, selectionSet: SelectionSetNode, jobs: JobScope): void {
  for (const field of collectFields(walk, selectionSet, 'Job')) {
    switch (field.name.value) {
      case 'logs':
        chargeLogs(walk, jobs);
        break;
      case 'steps':
        if (field.selectionSet && collectFields(walk, field.selectionSet, 'Step').some((f) => f.name.value === 'log')) chargeLogs(walk, jobs);
        break;
      case 'run':
        if (field.selectionSet) walkRun(walk, field.selectionSet, jobs.runs);
        break;
      default:
        break;
    }
  }
}

/** One log download per job, shared by every log field of that job (log-loader.ts). */
function chargeLogs(walk: Walk, jobs: JobScope): void {
  if (jobs.logsCharged) return;
  jobs.logsCharged = true;
  if (jobs.keys) for (const key of jobs.keys) walk.logs.add(key);
  else walk.counted += jobs.count;
}

