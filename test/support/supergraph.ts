// Composes federation subgraphs into a supergraph with The Guild's composition library (the one Hive
// Gateway and Hive use). Any composition error fails loudly with every message.
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

export interface SubgraphSource {
  name: string;
  /** Where a gateway reaches it (written into the supergraph's join__graph). */
  url: string;
  sdl: string;
}

export interface Supergraph {
  supergraphSdl: string;
  /** The client-facing API of the composed graph. */
  publicSdl: string;
}

export function composeSupergraph(subgraphs: SubgraphSource[]): Supergraph {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors && result.errors.length > 0) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl as string, publicSdl: result.publicSdl as string };
}
