import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * The fields selected under the current field on `type`, through fragments and inline fragments, honouring
 * @skip/@include: what a resolver needs to plan one upstream read for all of them (the log loader) before
 * graphql-js calls the sub-resolvers. Arguments come back coerced, variables applied; a field whose arguments
 * do not coerce is left out (its own resolver reports the error).
 */
export interface SelectedField {
  name: string;
  args: Record<string, unknown>;
  node: FieldNode;
}

export function selectedFields(info: GraphQLResolveInfo, type: GraphQLObjectType): SelectedField[] {
  const out: SelectedField[] = [];
  const fields = type.getFields();
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection, info.variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        const definition = fields[selection.name.value];
        if (!definition) continue;
        try {
          out.push({ name: selection.name.value, args: getArgumentValues(definition, selection, info.variableValues), node: selection });
        } catch {
          // Invalid arguments: the field's resolver throws the user-facing error.
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === type.name) walk(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (!fragment || visited.has(name) || fragment.typeCondition.name.value !== type.name) continue;
        visited.add(name);
        walk(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return out;
}

function included(node: Parameters<typeof getDirectiveValues>[1], variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}
