import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../src/demo.ts';
import { createDataset, KNOWN } from '../fake-github/dataset.ts';

/**
 * GraphiQL in a real browser: Debian's Chromium driven by playwright-core (playwright's own browser
 * download cannot work offline). CI installs it (.ci/run); without it this file is skipped, not failed.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
// TOOLCHAIN.md: without the networking flags Chromium keeps trying hosts this machine cannot reach.
// playwright-core already gives every launch a fresh temporary --user-data-dir.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM))('GraphiQL in headless Chromium against the offline demo', () => {
  let demo: RunningDemo;
  let browser: Browser;

  beforeAll(async () => {
    // The live run moves every 500 ms here (4 s in `npm run demo`): the test watches it change.
    demo = await startDemo({ port: 0, liveStepMs: 500 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('opens GET /graphql, runs the default query with the demo token from the headers editor, and shows the run’s job names', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const offsite: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      // data: and blob: (Monaco's workers) are in-page; any http(s) request must go to the demo itself.
      if (url.protocol.startsWith('http') && url.origin !== new URL(demo.graphqlUrl).origin) offsite.push(url.href);
    });

    await page.goto(demo.graphqlUrl, { waitUntil: 'load' });
    await expect(page.title()).resolves.toBe('actions-jobs-gateway: GitHub Actions jobs as GraphQL');
    // The headers editor is open and carries the demo token, so a new user only presses Run.
    await page.getByText(`Bearer ${demo.token}`).first().waitFor({ timeout: 20_000 });

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    const names = createDataset().jobsOfRun(KNOWN.jobRunId, 'latest')!.map((job) => job.name);
    await result.getByText(`"${names[0]}"`).first().waitFor({ timeout: 20_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('graphiql-default-query.png', ARTIFACTS).pathname, fullPage: true });

    // The result editor (Monaco) renders only the lines in view: scroll through it, collecting them.
    const seen = new Set<string>();
    await result.hover();
    let previous = '';
    const allSeen = () => names.every((name) => seen.has(`"name": "${name}",`));
    for (let unchanged = 0, i = 0; unchanged < 5 && i < 400 && !allSeen(); i++) {
      const visible = await result.locator('.view-lines').innerText();
      // Monaco draws spaces as no-break spaces.
      for (const line of visible.split('\n')) seen.add(line.replace(/\u00a0/g, ' ').trim());
      unchanged = visible === previous ? unchanged + 1 : 0;
      previous = visible;
      await page.mouse.wheel(0, 2000);
      await page.waitForTimeout(15);
    }
    const text = [...seen].join("\n");
    for (const name of names) expect(text).toContain(`"name": "${name}"`);
    expect(text).toContain('"totalCount": 9');
    expect(text).not.toContain('"errors"');
    // Bundled GraphiQL: the page needed nothing from a CDN.
    expect(offsite).toEqual([]);
  }, 90_000);

  it('follows the demo\'s live run with a subscription over SSE: the result updates in place as the run progresses', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const subscription = `subscription { workflowRun(owner: "octo-org", repo: "public-app", runId: ${demo.liveRunId()}) { status jobs { nodes { name status steps { status } } } } }`;
    await page.goto(`${demo.graphqlUrl}?query=${encodeURIComponent(subscription)}`, { waitUntil: 'load' });
    await page.getByText(`Bearer ${demo.token}`).first().waitFor({ timeout: 20_000 });
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response .view-lines');
    await result.getByText('"workflowRun"').first().waitFor({ timeout: 20_000 });
    const first = await result.innerText();
    // The demo's run changes every few seconds: the same result pane shows a newer payload.
    await page.waitForFunction(
      ([selector, before]) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        return text.includes('workflowRun') && text !== before;
      },
      ['.graphiql-response .view-lines', first.replace(/\u00a0/g, ' ')] as const,
      { timeout: 30_000 },
    );
    expect(await result.innerText()).not.toContain('"errors"');
  }, 90_000);
});
