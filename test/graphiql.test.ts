import { Agent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, DEFAULT_QUERY } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

// No socket needed: GraphiQL's page and the introspection switch are plain app.fetch exchanges.
const dispatcher = new Agent();
afterAll(() => dispatcher.close());
const app = (env: Record<string, string> = {}, graphiqlHeaders?: Record<string, string>) =>
  createApp({ config: loadConfig({ GITHUB_API_URL: 'http://127.0.0.1:9', ...env }), dispatcher, ...(graphiqlHeaders ? { graphiqlHeaders } : {}) });

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
    expect(html).toContain(JSON.stringify(DEFAULT_QUERY).slice(1, 60));
    expect(html).toMatch(/"isHeadersEditorEnabled":true/);
    expect(html).toMatch(/"defaultEditorToolsVisibility":"headers"/);
    expect(html).toMatch(/"shouldPersistHeaders":false/);
  });

  it('starts the headers editor with the headers the app was given (the demo token)', async () => {
    const html = await (await page(app({}, { Authorization: 'Bearer ghp_demo' }))).text();
    expect(html).toContain(JSON.stringify(JSON.stringify({ Authorization: 'Bearer ghp_demo' }, null, 2)).slice(1, -1));
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

  it('GRAPHIQL=true (default) allows introspection', async () => {
    const body = await (await post(app(), '{ __type(name: "Job") { name } }')).json();
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ __type: { name: 'Job' } });
  });
});
