import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { DEMO_QUERY, startDemo } from '../src/demo.ts';
import { TEMPLATE_HEADERS, TEMPLATE_QUERY } from '../src/graphiql.ts';
import { schema } from '../src/schema/index.ts';
import { loadConfig } from '../src/config.ts';

// No socket needed: GraphiQL's page and the introspection switch are plain app.fetch exchanges.
const dispatcher = new Agent();
afterAll(() => dispatcher.close());
const app = (env: Record<string, string> = {}) => createApp({ config: loadConfig({ GITHUB_API_URL: 'http://127.0.0.1:9', ...env }), dispatcher });

const page = (yoga: ReturnType<typeof app>) => yoga.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
const post = (yoga: ReturnType<typeof app>, query: string) =>
  yoga.fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('GraphiQL at GET /graphql', () => {
  it('serves the bundled GraphiQL (no CDN script or stylesheet) with our title, default query and headers editor', async () => {
    const response = await page(app());
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<title>actions-jobs-gateway: GitHub Actions jobs as GraphQL</title>');
    // Offline: every script and stylesheet is inline; nothing is fetched from unpkg/jsdelivr.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
    expect(html).toContain(JSON.stringify(TEMPLATE_QUERY).slice(1, -1));
    expect(html).toMatch(/"isHeadersEditorEnabled":true/);
    expect(html).toMatch(/"defaultEditorToolsVisibility":"headers"/);
    expect(html).toMatch(/"shouldPersistHeaders":false/);
  });

  it('under npm start opens on a template: placeholders in the query, a placeholder token in the Headers tab', async () => {
    const html = await (await page(app())).text();
    expect(TEMPLATE_QUERY).toMatch(/owner: "OWNER", repo: "REPO", runId: 0/);
    expect(html).toContain(JSON.stringify(JSON.stringify(TEMPLATE_HEADERS, null, 2)).slice(1, -1));
    expect(TEMPLATE_HEADERS).toEqual({ Authorization: 'Bearer <your GitHub token>' });
    // Unedited, the template answers with coded errors that say what to fill in, not a crash.
    const body = await (await app().fetch('http://gateway.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: TEMPLATE_HEADERS.Authorization! }, body: JSON.stringify({ query: TEMPLATE_QUERY }) })).json();
    expect(body.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    const tokenFilled = await (await post(app(), TEMPLATE_QUERY)).json();
    expect(tokenFilled.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('in the demo opens on the demo data with the sample token in the Headers tab', async () => {
    const demo = await startDemo({ port: 0 });
    try {
      const html = await (await fetch(demo.graphqlUrl, { headers: { accept: 'text/html' } })).text();
      expect(html).toContain(JSON.stringify(DEMO_QUERY).slice(1, -1));
      expect(html).toContain(JSON.stringify(JSON.stringify({ Authorization: `Bearer ${demo.token}` }, null, 2)).slice(1, -1));
      const body = (await (await fetch(demo.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.token}` }, body: JSON.stringify({ query: DEMO_QUERY }) })).json()) as { data: any; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data.workflowRun.jobs.totalCount).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  });

  it('GRAPHIQL=false: no GraphiQL page and no introspection, while queries and _service { sdl } still work', async () => {
    const yoga = app({ GRAPHIQL: 'false' });

    const response = await page(yoga);
    expect(response.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(await response.text()).not.toContain('graphiql');
    const introspection = await (await post(yoga, '{ __schema { types { name } } }')).json();
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors[0].message).toMatch(/introspection/i);
    const typeQuery = await (await post(yoga, '{ __type(name: "Job") { name } }')).json();
    expect(typeQuery.errors[0].message).toMatch(/introspection/i);

    const service = await (await post(yoga, '{ _service { sdl } }')).json();
    expect(service.data._service.sdl).toContain('@key(fields: "owner repo databaseId")');
    const run = await (await post(yoga, '{ workflowRun(owner: "octo-org", repo: "public-app", runId: 1) { databaseId __typename } }')).json();
    expect(run).toMatchObject({ data: { workflowRun: { databaseId: 1, __typename: 'WorkflowRun' } } });
    expect(run.errors).toBeUndefined();
  });

  it("answers introspection (GraphiQL's docs) with the client schema: no _entities, _service, _Any; _service { sdl } still answers", async () => {
    const yoga = app();
    const { data, errors } = await (await post(yoga, getIntrospectionQuery())).json();
    expect(errors).toBeUndefined();
    const types = data.__schema.types.map((type: { name: string }) => type.name);
    expect(types).toEqual(expect.arrayContaining(['Job', 'WorkflowRun', 'PageInfo', 'Node']));
    expect(types.filter((name: string) => name.startsWith('_') && !name.startsWith('__'))).toEqual([]);
    const query = data.__schema.types.find((type: { name: string }) => type.name === 'Query');
    expect(query.fields.map((field: { name: string }) => field.name).sort()).toEqual(
      Object.keys(schema.getQueryType()!.getFields()).sort(),
    );
    // The same printed contract as schema/schema.graphql.
    expect(printSchema(lexicographicSortSchema(buildClientSchema(data)))).toBe(printSchema(lexicographicSortSchema(schema)));
    expect((await (await post(yoga, '{ __type(name: "_Any") { name } }')).json()).data).toEqual({ __type: null });
    const service = await (await post(yoga, '{ _service { sdl } }')).json();
    expect(service.data._service.sdl).toContain('@key(fields: "owner repo databaseId")');
    const entities = await (await post(yoga, '{ _entities(representations: [{ __typename: "WorkflowRun", owner: "o", repo: "r", databaseId: 1 }]) { __typename } }')).json();
    expect(entities.errors).toBeUndefined();
    expect(entities.data).toEqual({ _entities: [{ __typename: 'WorkflowRun' }] });
  });

  it('GRAPHIQL=true (default) allows introspection', async () => {
    const body = await (await post(app(), '{ __type(name: "Job") { name } }')).json();
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ __type: { name: 'Job' } });
  });
});
