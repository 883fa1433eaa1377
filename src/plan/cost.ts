import type { RequestedWindow } from './window.ts';

/**
 * What a field costs, declared beside the field (src/schema/*) and added up by the cost limit's walk
 * (src/plugins/cost-estimate.ts) before anything executes. Two dimensions:
 * - calls: GitHub REST calls, as `demands` the walk dedupes the way the loaders do (one GET per key, the
 *   windows of one list planned together by list-cost.ts);
 * - bytes: a worst case of the response's size; fields that can be large (logs) declare theirs.
 * A field without a declaration costs no call, 64 bytes per value, and its values stand for its parent's.
 */

/** The values a selection set stands for while the walk runs. */
export interface Reach {
  /** How many values (per the whole operation). */
  count: number;
  /** One ref per value when every value is known statically (a job's key, a run), else null. */
  refs: readonly EntityRef[] | null;
  /** The most times one entity can occur among the values (repeated ids, one run reached through many of its jobs). */
  dup: number;
  /** Names this reach for demands that count once per entity however many fields ask (a job's one log download). */
  id: string;
  /** For values fanned out of an entity (a job's steps): the entity's reach. */
  origin?: Reach;
  /** For a connection: the reach of its items (edges, nodes). */
  items?: Reach;
}

export interface EntityRef {
  /** `Job` key (plan/keys.ts' jobCacheKey) when the value is a job. */
  job?: string;
  run?: { owner: string; repo: string; runId: number };
}

export type Demand =
  /** `calls` GitHub calls, counted once per `key` in the whole operation. */
  | { key: string; calls: number }
  /** A connection window on one list; the windows of a list are planned together. `times`: on that many lists of unknown identity. */
  | { list: string | null; window: RequestedWindow; times?: number };

export interface FieldCost {
  demands?: Demand[];
  /** What the field's values stand for, by the concrete type its selection set is read on; default: the parent's. */
  reach?: Reach | Partial<Record<string, Reach>>;
  /** Worst-case bytes of this field's values in the response, in place of the default. */
  bytes?: number;
  /**
   * The bytes are copies of log text the request holds: however many fields copy it, all of them
   * together are also bounded by (copies of one job's log) × the request's log bytes (CostLimits).
   */
  log?: boolean;
  /** For `log` bytes: the most copies of one job's log among them (default: the parent's `dup`). */
  copies?: number;
}

export interface CostLimits {
  maxConnectionSize: number;
  maxLogBytes: number;
  /** Log bytes one request may hold (its share of the process' log budget). */
  maxRequestLogBytes: number;
}

export interface CostInput {
  /** Coerced arguments; undefined when they do not coerce (the field then fails before any call). */
  args: Record<string, unknown> | undefined;
  parent: Reach;
  limits: CostLimits;
  /** A fresh reach id (for values that are new entities). */
  newId(): string;
}

export type CostDeclaration = (input: CostInput) => FieldCost;

const declarations = new Map<string, CostDeclaration>();

/** Declares `Type.field`'s cost; call it in the file that defines the field. */
export function declareCost(coordinate: string, declaration: CostDeclaration): void {
  declarations.set(coordinate, declaration);
}

export function costOf(typeName: string, fieldName: string): CostDeclaration | undefined {
  return declarations.get(`${typeName}.${fieldName}`);
}

/** Values that fan out of each parent value (a job's steps): `per` each, same entities' reach as origin. */
export function fanOut(parent: Reach, per: number, id: string): Reach {
  return { count: parent.count * per, refs: null, dup: parent.dup * per, id, origin: parent };
}

/** Nothing: the field fails before any call (bad arguments). */
export const NO_VALUES: Reach = { count: 0, refs: [], dup: 0, id: 'none' };

/** One log download per job however many fields read it (log-loader.ts): keyed by job when known, else by reach. */
export function logDownloads(jobs: Reach): Demand[] {
  const refs = jobs.refs;
  if (refs && refs.every((ref) => ref.job !== undefined)) return refs.map((ref) => ({ key: `log:${ref.job}`, calls: 1 }));
  return [{ key: `log:${jobs.id}`, calls: jobs.count }];
}
