// The ~50 MB log of KNOWN.hugeLogJobId, for tests that must not buffer a whole log (tail via Range,
// streaming, memory). It is never held in memory: it is a fixed header, then BLOCK_COUNT blocks of
// identical byte length (only fixed-width fields vary), then a fixed footer. So its exact size is
// known up front (Content-Length) and any byte range is produced without generating the prefix.
import { Readable } from 'node:stream';
import type { Step } from './job-factory.ts';
import { isoSeconds } from './job-factory.ts';
import { BOM, CYAN, RESET, TICKS_PER_SECOND, YELLOW, logEntry } from './log-lines.ts';
import { COMPLETE_JOB, SET_UP_JOB, STEP_KINDS } from './step-catalog.ts';

const BASE = Date.parse('2026-07-25T10:00:00Z') / 1000;
const STRESS_START = BASE + 2;
const BLOCKS_START = BASE + 3;
const STRESS_END = BASE + 7198;
const JOB_END = BASE + 7200;
const TARGET_BYTES = 50 * 1024 * 1024;
const LINES_PER_BLOCK = 8;

/** The job fields dataset.ts gives the huge-log job, so its steps' windows match the log. */
export const HUGE_LOG_JOB = {
  name: 'stress (verbose)',
  createdAt: BASE - 5,
  startedAt: BASE,
  completedAt: JOB_END,
  steps: [
    step(SET_UP_JOB, 1, BASE, STRESS_START),
    step(STEP_KINDS.stress.name, 2, STRESS_START, STRESS_END),
    step(COMPLETE_JOB, 3, STRESS_END, JOB_END),
  ],
};

function step(name: string, number: number, start: number, end: number): Step {
  return { name, status: 'completed', conclusion: 'success', number, started_at: isoSeconds(start), completed_at: isoSeconds(end) };
}

const at = (seconds: number, tenths = 0): number => (seconds - BASE) * TICKS_PER_SECOND + tenths * 1_000_000;

const HEADER = Buffer.from(
  BOM +
    [
      `Current runner version: '2.321.0'`,
      '##[group]Operating System',
      'Ubuntu',
      '24.04.1',
      'LTS',
      '##[endgroup]',
      `Complete job name: ${HUGE_LOG_JOB.name}`,
    ]
      .map((message, index) => logEntry(BASE, at(BASE, index), message, '\n'))
      .join('') +
    [
      `##[group]${STEP_KINDS.stress.header}`,
      `${CYAN}${STEP_KINDS.stress.script[0]}${RESET}`,
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
    ]
      .map((message, index) => logEntry(BASE, at(STRESS_START, index), message, '\n'))
      .join(''),
);

const FOOTER = Buffer.from(
  logEntry(BASE, at(STRESS_END, 0), '##[notice]Stress test finished.', '\n') +
    logEntry(BASE, at(STRESS_END + 1, 2), 'Cleaning up orphan processes', '\n') +
    logEntry(BASE, at(STRESS_END + 1, 4), `##[section]Finishing: ${HUGE_LOG_JOB.name}`, '\n'),
);

function block(index: number, span: number): string {
  let out = '';
  const first = at(BLOCKS_START) + index * span;
  for (let line = 0; line < LINES_PER_BLOCK; line++) {
    const serial = index * LINES_PER_BLOCK + line;
    const checksum = (Math.imul(serial, 2654435761) >>> 0).toString(16).padStart(8, '0');
    const message = `${YELLOW}[stress]${RESET} iteration ${String(index).padStart(6, '0')} line ${line + 1}/${LINES_PER_BLOCK} sha=${checksum} lorem ipsum dolor sit amet`;
    out += logEntry(BASE, first + line * 1000, message, '\n');
  }
  return out;
}

const BLOCK_BYTES = Buffer.byteLength(block(0, 0));
const BLOCK_COUNT = Math.round((TARGET_BYTES - HEADER.length - FOOTER.length) / BLOCK_BYTES);
// Blocks are spread evenly over the stress step's window, so every line stays inside it.
const BLOCK_SPAN = Math.floor(((STRESS_END - BLOCKS_START) * TICKS_PER_SECOND) / BLOCK_COUNT);
const BLOCKS_END = HEADER.length + BLOCK_COUNT * BLOCK_BYTES;
const BLOCKS_PER_CHUNK = 64;

/** Exact byte length of the huge log, known without producing it. */
export const hugeLogSize = BLOCKS_END + FOOTER.length;

/** Streams bytes start..end (inclusive) of the huge log; pulls blocks only as the consumer reads. */
export function streamHugeLog(range: { start: number; end: number } = { start: 0, end: hugeLogSize - 1 }): Readable {
  return Readable.from(chunks(range.start, Math.min(range.end, hugeLogSize - 1) + 1), { objectMode: false });
}

function* chunks(start: number, stop: number): Generator<Buffer> {
  let position = start;
  if (position < HEADER.length && position < stop) {
    const slice = HEADER.subarray(position, Math.min(stop, HEADER.length));
    position += slice.length;
    yield slice;
  }
  while (position < stop && position < BLOCKS_END) {
    const first = Math.floor((position - HEADER.length) / BLOCK_BYTES);
    const count = Math.min(BLOCKS_PER_CHUNK, BLOCK_COUNT - first);
    let text = '';
    for (let index = first; index < first + count; index++) text += block(index, BLOCK_SPAN);
    const chunkStart = HEADER.length + first * BLOCK_BYTES;
    const buffer = Buffer.from(text);
    const slice = buffer.subarray(position - chunkStart, Math.min(buffer.length, stop - chunkStart));
    position += slice.length;
    yield slice;
  }
  if (position < stop) {
    const slice = FOOTER.subarray(position - BLOCKS_END, stop - BLOCKS_END);
    position += slice.length;
    yield slice;
  }
}
