// graphql-yoga as it comes (createYoga's defaults, a one-field schema, nothing of ours) in a process of its own:
// the throughput phase's floor. Answering `{ __typename }` it does what every GraphQL request through Yoga
// costs (the Node request made a Fetch Request, the body read and parsed, the envelop hooks, the result
// serialized and written) and nothing else: no upstream call, no plugin of ours, no resolver.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({ schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }), logging: false, graphiql: false });
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  // One line: the bench reads the URL from it.
  if (typeof address === 'object' && address) console.log(`BARE_YOGA_URL=http://127.0.0.1:${address.port}/graphql`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
