// The logs section of `npm run bench`, also runnable alone: `npx tsx bench/logs.ts`.
// For the ~50 MB log of KNOWN.hugeLogJobId: bytes the storage host sent and peak RSS added, for
// `lines(last: 100)`, `errors` and `text` (capped at MAX_LOG_BYTES), each beside the naive baseline that
// downloads the whole body and splits it, all in the same run. Each case runs in a fresh child process
// (bench/logs-case.ts), so one case's garbage cannot inflate the next one's RSS; the fake GitHub runs here,
// where its byte counter can be read.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hugeLogSize, renderJobLog } from '../fake-github/fake-logs.ts';
import { KNOWN, startFakeGitHub, type FakeGitHub } from '../fake-github/index.ts';
import type { CaseName, CasePath } from './logs-case.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const MiB = 1024 * 1024;

interface CaseResult {
  name: CaseName;
  path: CasePath;
  storageBytes: number;
  storageRequests: number;
  peakAdded: number;
  ms: number;
}

const LABEL: Record<CaseName, string> = { tail: 'lines(last: 100)', errors: 'errors', text: 'text (10 MiB cap)' };

function runCase(fake: FakeGitHub, name: CaseName, path: CasePath, warmupBytes: number): Promise<CaseResult> {
  fake.resetRecords();
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['bench/logs-case.ts', name, path, fake.apiUrl, fake.storageUrl], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`bench logs: ${name}/${path} exited ${code}\n${out}\n${err}`));
      const { peakAdded, ms } = JSON.parse(line) as { peakAdded: number; ms: number };
      // The case first warms up on a small log, read whole by both paths: count only the huge one's bytes.
      const huge = fake.storageRequests.filter((request) => request.path.endsWith(`/${KNOWN.hugeLogJobId}`));
      resolve({ name, path, storageBytes: fake.storageBytesSent - warmupBytes, storageRequests: huge.length, peakAdded, ms });
    });
  });
}

export async function runLogsBench(): Promise<boolean> {
  const fake = await startFakeGitHub({ rateLimits: false });
  const results: CaseResult[] = [];
  // The warm-up log (bench/logs-case.ts): small enough that even the tail case's first Range holds all of it.
  const warmupBytes = Buffer.byteLength(renderJobLog(fake.dataset.getJob(KNOWN.jobId)!));
  try {
    for (const name of ['tail', 'errors', 'text'] as const) {
      for (const path of ['gateway', 'naive'] as const) {
        console.error(`bench: logs ${LABEL[name]} via ${path}`);
        results.push(await runCase(fake, name, path, warmupBytes));
      }
    }
  } finally {
    await fake.close();
  }
  const rows = results.map((r) => [
    LABEL[r.name],
    r.path === 'gateway' ? 'gateway' : 'naive (whole body, split)',
    `${(r.storageBytes / MiB).toFixed(2)} MiB`,
    String(r.storageRequests),
    `${(r.peakAdded / MiB).toFixed(1)} MiB`,
    `${r.ms.toFixed(0)} ms`,
  ]);
  const header = ['case', 'path', 'fetched from storage', 'storage requests', 'peak RSS added', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\nlogs: the ${(hugeLogSize / MiB).toFixed(1)} MiB log of job ${KNOWN.hugeLogJobId} (MAX_LOG_BYTES 10 MiB)\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  const tail = results.find((r) => r.name === 'tail' && r.path === 'gateway');
  const checks = [
    { target: 'tail reads < 1 MiB from storage', ok: (tail?.storageBytes ?? Infinity) < MiB, detail: `${tail?.storageBytes} bytes` },
    { target: 'tail adds < 20 MiB RSS', ok: (tail?.peakAdded ?? Infinity) < 20 * MiB, detail: `${((tail?.peakAdded ?? NaN) / MiB).toFixed(1)} MiB` },
  ];
  console.log('');
  for (const check of checks) console.log(`${check.ok ? 'PASS' : 'FAIL'}  ${check.target}: ${check.detail}`);
  return checks.every((check) => check.ok);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ok = await runLogsBench();
  process.exitCode = ok ? 0 : 1;
}
