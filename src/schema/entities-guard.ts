import { assertUnionType, type GraphQLSchema } from 'graphql';
import { UserInputError } from '../errors/user-input-error.ts';

/**
 * @apollo/subgraph's `_entities` resolver looks each representation's `__typename` up in the schema and
 * throws for one it cannot resolve; that throw (and plain property reads for `__proto__`, `constructor`,
 * `toString`) nulls the whole field with an uncoded error. Representations are a caller's input: one whose
 * `__typename` is not an entity of this subgraph fails its own entry with BAD_USER_INPUT, the rest resolve.
 */
export function guardEntityTypenames(schema: GraphQLSchema): GraphQLSchema {
  const entityTypes = new Set(assertUnionType(schema.getType('_Entity')).getTypes().map((type) => type.name));
  const field = schema.getQueryType()?.getFields()['_entities'];
  const resolve = field?.resolve;
  if (!field || !resolve) return schema;
  const isEntity = (representation: unknown): boolean => {
    const typename = representation !== null && typeof representation === 'object' ? (representation as { __typename?: unknown }).__typename : undefined;
    return typeof typename === 'string' && entityTypes.has(typename);
  };
  field.resolve = async (root, args: { representations: unknown[] }, context, info) => {
    const entity = args.representations.map(isEntity);
    const valid = args.representations.filter((_, i) => entity[i]);
    const resolved = (await resolve(root, { ...args, representations: valid }, context, info)) as unknown[];
    let next = 0;
    return entity.map((ok) => (ok ? resolved[next++] : new UserInputError(`\`__typename\` must be one of ${[...entityTypes].join(', ')}`, 'representations')));
  };
  return schema;
}
