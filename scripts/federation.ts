/**
 * `npm run federation`: a federation quick start. Composes a supergraph from this gateway's subgraph (and any
 * other subgraphs named on the command line) with The Guild's composition library, writes it to
 * `supergraph.graphql`, and serves it with Hive Gateway on PORT (4001), forwarding the caller's
 * `Authorization` to this subgraph only.
 *
 *   npm run demo                      # terminal 1: this gateway (the subgraph) on :4000, with demo data
 *   npm run federation                # terminal 2: Hive Gateway on :4001 over it
 *   npm run federation -- reviews=http://localhost:4002/graphql   # more subgraphs: name=url
 *
 * SUBGRAPH_URL points at this gateway when it is not http://localhost:4000/graphql.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

/** The name this gateway's subgraph has in the supergraph (and in header propagation). */
export const SUBGRAPH_NAME = 'actions-jobs';

export interface FederationOptions {
  /** name → URL of each subgraph; `actions-jobs` is this gateway. */
  subgraphs: Record<string, string>;
  port?: number;
  host?: string;
  /** Where the composed supergraph SDL is written (nothing written when null). */
  supergraphPath?: string | null;
}

export interface RunningFederation {
  url: string;
  supergraphSdl: string;
  close(): Promise<void>;
}

/** Asks a subgraph for its SDL the way a schema registry does: `{ _service { sdl } }`. */
async function serviceSdl(name: string, url: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ _service { sdl } }' }) });
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${name} (${url}) did not answer { _service { sdl } } (HTTP ${response.status}); is it running?`);
  return sdl;
}

export async function startFederation({ subgraphs, port = 4001, host = '127.0.0.1', supergraphPath = 'supergraph.graphql' }: FederationOptions): Promise<RunningFederation> {
  const services = await Promise.all(Object.entries(subgraphs).map(async ([name, url]) => ({ name, url, typeDefs: parse(await serviceSdl(name, url)) })));
  const composed = composeServices(services);
  if (composed.errors?.length) throw new Error(`composition failed:\n${composed.errors.map((error) => `- ${error.message}`).join('\n')}`);
  const supergraphSdl = composed.supergraphSdl as string;
  if (supergraphPath) writeFileSync(supergraphPath, supergraphSdl);
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    // GitHub must see the caller's token; no other subgraph gets it.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request, subgraphName }) => {
        const authorization = request.headers.get('authorization');
        return subgraphName === SUBGRAPH_NAME && authorization ? { authorization } : {};
      },
    },
  });
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const shownHost = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${(server.address() as AddressInfo).port}/graphql`,
    supergraphSdl,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}

// Run only as the entry point (`tsx scripts/federation.ts`); tests import startFederation.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const others = Object.fromEntries(
    process.argv.slice(2).map((arg) => {
      const at = arg.indexOf('=');
      if (at <= 0) throw new Error(`expected name=url, got ${arg}`);
      return [arg.slice(0, at), arg.slice(at + 1)];
    }),
  );
  const subgraphs = { [SUBGRAPH_NAME]: process.env.SUBGRAPH_URL ?? 'http://localhost:4000/graphql', ...others };
  const federation = await startFederation({ subgraphs, port: Number(process.env.PORT ?? 4001) });
  console.log(`Hive Gateway on ${federation.url} over ${Object.entries(subgraphs).map(([name, url]) => `${name} (${url})`).join(', ')}; supergraph written to supergraph.graphql`);
  const stop = () => void federation.close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
