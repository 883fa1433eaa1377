import { readFileSync } from 'node:fs';
import { Kind, parse, type DocumentNode } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../src/demo.ts';

/**
 * Every GraphQL example in README.md, run as printed against `npm run demo` (its data and its token):
 * any error fails. A ```json block right after a ```graphql block is that example's variables. SDL blocks
 * (the federation section's) are recognised and left out; anything else that does not parse fails.
 */
interface Example {
  line: number;
  text: string;
  variables?: Record<string, unknown>;
}

function readmeExamples(markdown: string): { operations: Example[]; sdl: Example[] } {
  const fence = /^ *```(\w*)\n([^]*?)^ *```$/gm;
  const blocks: Array<{ lang: string; text: string; line: number }> = [];
  for (const match of markdown.matchAll(fence)) {
    blocks.push({ lang: match[1]!, text: match[2]!, line: markdown.slice(0, match.index).split('\n').length });
  }
  const operations: Example[] = [];
  const sdl: Example[] = [];
  blocks.forEach((block, index) => {
    if (block.lang !== 'graphql') return;
    const next = blocks[index + 1];
    const variables = next?.lang === 'json' ? (JSON.parse(next.text) as Record<string, unknown>) : undefined;
    let document: DocumentNode | undefined;
    try {
      document = parse(block.text);
    } catch {
      // The federation section abbreviates type bodies with `{ … }`: SDL, not an operation.
      if (/^\s*type \w+/.test(block.text) && block.text.includes('…')) sdl.push(block);
      else throw new Error(`README.md line ${block.line}: a graphql block that does not parse:\n${block.text}`);
      return;
    }
    const executable = document.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION);
    if (executable) operations.push({ ...block, ...(variables ? { variables } : {}) });
    else sdl.push(block);
  });
  return { operations, sdl };
}

const { operations } = readmeExamples(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo({ port: 0 });
});
afterAll(() => demo.close());

describe('README.md examples against the demo', () => {
  it('finds the examples (operations in Example queries, Logs, Federation)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(5);
  });

  it.each(operations.map((example) => [example.line, example] as const))('runs the example at line %i without an error', async (_line, example) => {
    if (/^\s*(#.*\n\s*)*subscription\b/.test(example.text)) return expectFirstEvent(example);
    const response = await request(demo.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.token}` },
      body: JSON.stringify({ query: example.text, variables: example.variables }),
    });
    const body = (await response.body.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(response.statusCode).toBe(200);
    expect(body.data).toBeTruthy();
  });
});

/** A subscription example: over Server-Sent Events, its first `next` event carries data and no errors. */
async function expectFirstEvent(example: Example): Promise<void> {
  const controller = new AbortController();
  const response = await fetch(demo.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${demo.token}` },
    body: JSON.stringify({ query: example.text, variables: example.variables }),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    while (!/event: next\ndata: .*\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    controller.abort();
  }
  const data = /event: next\ndata: (.*)\n/.exec(text)?.[1];
  expect(data, text).toBeDefined();
  const body = JSON.parse(data!) as { data?: unknown; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data).toBeTruthy();
}
