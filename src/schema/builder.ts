import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from '../context.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';

/** Builder configuration only: generic types, plugins, one options key per plugin. No types here. */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    BigInt: { Input: number; Output: number };
    DateTime: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: string };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Federation last: it must see the final resolvers of the plugins before it (its README).
  plugins: [RelayPlugin, DirectivePlugin, FederationPlugin],
  // The contract's fields are non-null unless it says otherwise; nullable ones opt in.
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    nodesOnConnection: true,
    // Almost every Relay-style subgraph has its own PageInfo: composition needs every copy @shareable.
    pageInfoTypeOptions: { shareable: true },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    // node/nodes are resolved in node.ts so that one failing id fails only its own entry.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});
