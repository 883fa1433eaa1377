import { printSubgraphSchema } from '@apollo/subgraph';
import { EntityType, entitiesField, serviceField } from '@apollo/subgraph/dist/types.js';
import { hasResolvableKey } from '@pothos/plugin-federation';
import { GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLUnionType, isEnumType, isInputObjectType, isObjectType, isInterfaceType, lexicographicSortSchema } from 'graphql';
import type { builder as Builder } from './builder.ts';

/**
 * `builder.toSubGraphSchema()` of @pothos/plugin-federation 4.4, rebuilt without its two costs at start (a
 * third of building the app): it printed `_service { sdl }` at once (@apollo/subgraph's printer validates
 * the whole subgraph through @apollo/federation-internals), and built the schema once more only to list the
 * federation directives that `@link` imports. Here the SDL is printed when a router first asks for it,
 * and the directives are read from `clientSchema`, built from the same builder. The types, resolvers and
 * SDL are the same (schema/subgraph.graphql is printed from this schema and checked by schema:check).
 */
export function toSubgraphSchema(builder: typeof Builder, clientSchema: GraphQLSchema, linkUrl: string): GraphQLSchema {
  const schema = builder.toSchema({ extensions: { directives: [{ name: 'link', args: { url: linkUrl, import: appliedDirectives(clientSchema) } }] } });
  const queryType = schema.getQueryType();
  const types = Object.values(schema.getTypeMap());
  const entityTypes = types.filter((type) => isObjectType(type) && hasResolvableKey(type));
  let sdl: string | undefined;
  const query: GraphQLObjectType = new GraphQLObjectType({
    name: queryType?.name ?? 'Query',
    description: queryType?.description,
    astNode: queryType?.astNode,
    extensions: queryType?.extensions,
    fields: () => ({
      ...(entityTypes.length > 0 && {
        _entities: { ...entitiesField, type: new GraphQLNonNull(new GraphQLList(new GraphQLUnionType({ ...EntityType.toConfig(), types: entityTypes.filter(isObjectType).map((type) => (type === queryType ? query : type)) }))) },
      }),
      _service: { ...serviceField, resolve: () => ({ sdl: (sdl ??= printSubgraphSchema(sorted)) }) },
      ...queryType?.toConfig().fields,
    }),
  });
  const sorted = lexicographicSortSchema(
    new GraphQLSchema({
      query,
      mutation: schema.getMutationType(),
      subscription: schema.getSubscriptionType(),
      extensions: schema.extensions,
      directives: schema.getDirectives(),
      extensionASTNodes: schema.extensionASTNodes,
      types: [...types.filter((type) => type.name !== 'Query'), query],
    }),
  );
  return sorted;
}

/**
 * `@name` of every directive the schema applies (plugin-directives keeps them in `extensions.directives`, as
 * a list or a record): the federation directives `@link` imports. The builder applies no other directives.
 */
function appliedDirectives(schema: GraphQLSchema): string[] {
  const names = new Set<string>();
  const collect = (extensions: { directives?: unknown } | null | undefined) => {
    const directives = extensions?.directives;
    if (Array.isArray(directives)) for (const directive of directives as Array<{ name: string }>) names.add(directive.name);
    else if (directives && typeof directives === 'object') for (const name of Object.keys(directives)) names.add(name);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    collect(type.extensions);
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) [field, ...field.args].forEach((node) => collect(node.extensions));
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) collect(field.extensions);
    if (isEnumType(type)) for (const value of type.getValues()) collect(value.extensions);
  }
  return [...names].map((name) => `@${name}`).sort();
}
