import { EnvelopArmor } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export interface ArmorLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Hide "Did you mean …?" hints (they leak the schema when introspection is off). */
  blockFieldSuggestions: boolean;
}

/**
 * graphql-armor's structural limits, as Yoga plugins: tokens are counted while parsing (a 1 MB query
 * stops at the first token over), depth/aliases/directives are validation rules. Its own abstract
 * `costLimit` is off: the gateway's cost is counted in REST calls (plugins/cost-limit.ts). Our defaults
 * (config.ts) are above armor's where the gateway needs it: aliases of fields that call GitHub are bounded
 * by the REST-call limit already (the same run's list 100 times is one call), so the alias cap (250,
 * armor: 15) only stops floods of free fields; `workflowRun → jobs → edges → node → steps → log → lines →
 * content` is depth 8 (armor: 6).
 */
export function armorPlugins({ maxDepth, maxAliases, maxTokens, maxDirectives, blockFieldSuggestions }: ArmorLimits): Plugin[] {
  const armor = new EnvelopArmor({
    costLimit: { enabled: false },
    maxDepth: { n: maxDepth, flattenFragments: true },
    maxAliases: { n: maxAliases },
    maxTokens: { n: maxTokens },
    maxDirectives: { n: maxDirectives },
    blockFieldSuggestion: { enabled: blockFieldSuggestions },
  });
  return armor.protect().plugins as Plugin[];
}
