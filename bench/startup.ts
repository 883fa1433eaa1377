// How fast a new replica answers and what it holds at rest: the gateway is spawned the way an operator starts
// it, polled until its first GraphQL answer, then left idle for a few seconds and its RSS read. The old
// start (tsx compiling src/server.ts at run time) is measured beside the compiled one, in the same run.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { builtServerEntry, startNodeFlags } from '../scripts/built-server.ts';
import { closedPort } from '../test/support/closed-port.ts';
import { median, MIB, mib, rssOf } from './rss.ts';
import type { Check } from './table.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const READY_TARGET_MS = 1_000;
const IDLE_RSS_TARGET = 100 * MIB;
const IDLE_SECONDS = 3;

export interface StartupRow {
  start: string;
  readyMs: number;
  /** CPU the start spent until the first answer (all its processes): what it costs, whatever else the machine runs. */
  cpuMs: number;
  idleRss: number;
}

/**
 * CPU spent so far by the process group `pgrp` (the spawned start command and everything it ran: npm, the
 * stale check, node), reaped children included, from /proc (Linux; elsewhere NaN). Clock ticks are 100 Hz.
 */
function groupCpuMs(pgrp: number): number {
  if (process.platform !== 'linux') return Number.NaN;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgrp) continue;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks * 10;
}

type Sample = Omit<StartupRow, 'start'>;

/** Spawn → first 200 to `{ __typename }` (ms, and the server's CPU ms by then), then RSS after IDLE_SECONDS at rest; the process is stopped after. */
async function startOnce(command: string, args: string[], apiUrl: string): Promise<Sample> {
  const port = await closedPort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', GITHUB_API_URL: apiUrl, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    // `npm start` runs node as its child: stop the whole group.
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = `http://127.0.0.1:${port}`;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`bench: ${command} ${args.join(' ')} exited (${child.exitCode}) before answering`);
      if (performance.now() - started > 120_000) throw new Error(`bench: ${command} ${args.join(' ')} did not answer within 120 s`);
      const answered = await request(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then(
        async (response) => {
          await response.body.text();
          return response.statusCode === 200;
        },
        () => false,
      );
      if (answered) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const readyMs = performance.now() - started;
    const cpuMs = groupCpuMs(child.pid as number);
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    return { readyMs, cpuMs, idleRss: await rssOf(`${url}/metrics`) };
  } finally {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

/** Medians of `runs` starts per way of starting; `apiUrl` is never called (readiness is not asked). */
export async function measureStartup(apiUrl: string, runs = 5): Promise<StartupRow[]> {
  const server = builtServerEntry(); // build first, so `npm start` below finds dist/ fresh, as on a deployed replica
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const ways: Array<{ start: string; command: string; args: string[] }> = [
    { start: '`npm start` (already built)', command: npm, args: ['start', '--silent'] },
    { start: 'node dist/src/server.js', command: process.execPath, args: [...startNodeFlags(), server] },
    { start: 'before: tsx src/server.ts (the old `npm start`)', command: fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url)), args: ['--max-semi-space-size=32', 'src/server.ts'] },
  ];
  const rows: StartupRow[] = [];
  for (const way of ways) {
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await startOnce(way.command, way.args, apiUrl));
    rows.push({ start: way.start, readyMs: median(samples.map((s) => s.readyMs)), cpuMs: median(samples.map((s) => s.cpuMs)), idleRss: median(samples.map((s) => s.idleRss)) });
  }
  return rows;
}

export function renderStartup(rows: StartupRow[], runs: number): string {
  const header = ['start', 'ready: first answer ms', 'CPU ms until then', `idle RSS (${IDLE_SECONDS} s)`];
  const cells = rows.map((row) => [row.start, row.readyMs.toFixed(0), row.cpuMs.toFixed(0), mib(row.idleRss)]);
  const widths = header.map((title, c) => Math.max(title.length, ...cells.map((line) => line[c]?.length ?? 0)));
  const line = (values: string[]) => `| ${values.map((value, c) => (c === 0 ? value.padEnd(widths[c] ?? 0) : value.padStart(widths[c] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, c) => (c === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...cells.map(line), `(medians of ${runs} starts each)`].join('\n');
}

export function startupChecks(rows: StartupRow[]): Check[] {
  const npmStart = rows[0];
  return [
    { target: `ready ≤ ${READY_TARGET_MS} ms after \`npm start\` (built)`, ok: (npmStart?.readyMs ?? Infinity) <= READY_TARGET_MS, detail: `${npmStart?.readyMs.toFixed(0)} ms (CPU ${npmStart?.cpuMs.toFixed(0)} ms)` },
    { target: `idle RSS ≤ ${mib(IDLE_RSS_TARGET)}`, ok: (npmStart?.idleRss ?? Infinity) <= IDLE_RSS_TARGET, detail: mib(npmStart?.idleRss ?? NaN) },
  ];
}
