import { builder } from './builder.ts';
import './scalars.ts';
import './enums.ts';
import './step.ts';
import './runner.ts';
import './job.ts';
import './log-line.ts';
import './job-log.ts';
import './step-log.ts';
import './workflow-run.ts';
import './workflow-runs.ts';
import './subscriptions.ts';
import './node.ts';
import './rate-limit.ts';
import './entities.ts';
import { guardEntityTypenames } from './entities-guard.ts';
import { toSubgraphSchema } from './subgraph-schema.ts';

builder.queryType({ description: 'GitHub Actions workflow jobs, over the REST API, as one graph.' });
builder.subscriptionType({ description: 'Live views of runs and jobs, over Server-Sent Events.' });

/** The client-facing schema: printed to schema/schema.graphql, used by codegen for client documents. */
export const schema = builder.toSchema({ sortSchema: true });

/**
 * The same types as an Apollo Federation 2 subgraph (`_service`, `_entities`, `@key`s): what the app
 * serves, so one deployment answers both direct clients and a federation gateway. Printed to
 * schema/subgraph.graphql with @apollo/subgraph's printer (src/schema/subgraph-schema.ts: Pothos' toSubGraphSchema,
 * with `_service { sdl }` printed when first asked).
 */
export const subgraphSchema = guardEntityTypenames(toSubgraphSchema(builder, schema, 'https://specs.apollo.dev/federation/v2.6'));
