import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { costOf, type CostLimits, type Reach } from '../plan/cost.ts';
import { listCallsBound, simulationBudget, type SimulationBudget } from '../plan/list-cost.ts';
import type { RequestedWindow } from '../plan/window.ts';

/**
 * The static cost of one operation, before anything executes: a generic walk over the document that adds
 * up what each field declares beside its definition (plan/cost.ts, src/schema/*). Calls: keyed demands
 * count once (as the loaders dedupe), windows of one list reached through one path are planned together
 * with the loaders' own rules (plan/list-cost.ts), windows of one list reached through different paths
 * are asked in different ticks and add up. Bytes: each value of each selected field, aliases and
 * `__typename` included, multiplied through lists.
 */
export interface EstimateOptions {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  limits: CostLimits;
  /** Selections visited before the walk gives up (fragment bombs): the estimate is then Infinity. */
  maxVisits?: number;
}

export interface CostEstimate {
  /** Upper bound of GitHub REST calls; Infinity when the document was too large to walk. */
  calls: number;
  /** Upper bound of the response's bytes; Infinity likewise. */
  bytes: number;
}

const LEAF_BYTES = 64;
const OBJECT_BYTES = 16;
/** Values assumed for a list field that declares nothing (labels, steps): the runtime size stop backs it. */
const ASSUMED_LIST_SIZE = 100;

class TooLarge extends Error {}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limits: CostLimits;
  visits: number;
  maxVisits: number;
  ids: number;
  keyed: Map<string, number>;
  /** Windows per list, by the depth they are reached at: one tick's worth each, shallower first. */
  lists: Map<string, Map<number, RequestedWindow[]>>;
  unknownLists: number;
  budget: SimulationBudget;
  bytes: number;
  logBytes: number;
  logCopies: number;
}

export function estimateCost({ schema, document, operationName, variables, limits, maxVisits = 100_000 }: EstimateOptions): CostEstimate {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const selected = operationName ? operations.filter((o) => o.name?.value === operationName) : operations;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Without an operation name only a single operation executes; for several (an error anyway) take the costliest.
  const estimate: CostEstimate = { calls: 0, bytes: 0 };
  for (const operation of selected) {
    const one = estimateOperation(schema, operation, fragments, variables ?? {}, limits, maxVisits);
    estimate.calls = Math.max(estimate.calls, one.calls);
    estimate.bytes = Math.max(estimate.bytes, one.bytes);
  }
  return estimate;
}

function estimateOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  inputs: Record<string, unknown>,
  limits: CostLimits,
  maxVisits: number,
): CostEstimate {
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getMutationType();
  if (!root) return { calls: 0, bytes: 0 };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs);
  // Variables that do not coerce fail the request before execution: nothing is called.
  if (coerced.errors) return { calls: 0, bytes: 0 };
  const walk: Walk = {
    schema, fragments, variables: coerced.coerced, limits, visits: 0, maxVisits, ids: 0,
    keyed: new Map(), lists: new Map(), unknownLists: 0, budget: simulationBudget(), bytes: 0, logBytes: 0, logCopies: 0,
  };
  try {
    walkSelection(walk, operation.selectionSet, root, { count: 1, refs: null, dup: 1, id: 'root' }, '');
  } catch (error) {
    if (error instanceof TooLarge) return { calls: Number.POSITIVE_INFINITY, bytes: Number.POSITIVE_INFINITY };
    throw error;
  }
  let calls = walk.unknownLists;
  for (const each of walk.keyed.values()) calls += each;
  for (const byDepth of walk.lists.values()) {
    const ticks = [...byDepth.entries()].sort(([a], [b]) => a - b).map(([, windows]) => windows);
    calls += listCallsBound(ticks, walk.budget);
  }
  const logs = Math.min(walk.logBytes, walk.logCopies * limits.maxRequestLogBytes);
  return { calls, bytes: walk.bytes + logs };
}

function walkSelection(walk: Walk, selectionSet: SelectionSetNode, type: GraphQLObjectType, reach: Reach, path: string): void {
  for (const field of collectFields(walk, selectionSet, type.name)) {
    if (field.name.value === '__typename') {
      walk.bytes += reach.count * 32;
      continue;
    }
    const definition = type.getFields()[field.name.value];
    if (!definition) continue; // introspection (__schema, __type): bounded by the schema, not by GitHub
    walkField(walk, field, definition, type, reach, `${path}/${field.name.value}`);
  }
}

function walkField(walk: Walk, field: FieldNode, definition: GraphQLField<unknown, unknown>, parentType: GraphQLObjectType, parent: Reach, path: string): void {
  const args = argsOf(walk, definition, field);
  const declared = costOf(parentType.name, definition.name)?.({ args, parent, limits: walk.limits, newId: () => `r${++walk.ids}` });
  for (const demand of declared?.demands ?? []) {
    if ('key' in demand) walk.keyed.set(demand.key, demand.calls);
    else if (demand.list === null) walk.unknownLists += (demand.times ?? 1) * listCallsBound([[demand.window]], walk.budget);
    else {
      const byDepth = walk.lists.get(demand.list) ?? new Map<number, RequestedWindow[]>();
      walk.lists.set(demand.list, byDepth);
      const depth = path.split('/').length;
      byDepth.set(depth, [...(byDepth.get(depth) ?? []), demand.window]);
    }
  }
  const nullable = getNullableType(definition.type);
  const named = getNamedType(definition.type);
  const defaultReach: Reach = isListType(nullable) ? { count: parent.count * ASSUMED_LIST_SIZE, refs: null, dup: parent.dup * ASSUMED_LIST_SIZE, id: `r${++walk.ids}`, origin: parent } : parent;
  const reachOf = (typeName: string): Reach | undefined => {
    const given = declared?.reach;
    if (!given) return defaultReach;
    if ('count' in given && typeof given.count === 'number') return given as Reach;
    return (given as Partial<Record<string, Reach>>)[typeName];
  };
  if (declared?.bytes !== undefined) {
    walk.bytes += declared.log ? 0 : declared.bytes;
    if (declared.log) {
      walk.logBytes += declared.bytes;
      walk.logCopies += declared.copies ?? parent.dup;
    }
  }
  if (isLeafType(named) || !field.selectionSet) {
    if (declared?.bytes === undefined) walk.bytes += (reachOf(named.name)?.count ?? parent.count) * LEAF_BYTES;
    return;
  }
  const concrete = isAbstractType(named) ? walk.schema.getPossibleTypes(named) : [named as GraphQLObjectType];
  for (const type of concrete) {
    const reach = reachOf(type.name);
    if (!reach || reach.count === 0) continue;
    if (declared?.bytes === undefined) walk.bytes += reach.count * OBJECT_BYTES;
    walkSelection(walk, field.selectionSet, type, reach, path);
  }
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

function argsOf(walk: Walk, definition: GraphQLField<unknown, unknown>, field: FieldNode): Record<string, unknown> | undefined {
  try {
    return getArgumentValues(definition, field, walk.variables);
  } catch {
    return undefined;
  }
}
