import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../src/logs/log-line.ts';
import { parseLog } from '../src/logs/parse-log.ts';
import { sliceStepLines, type StepForSlicing } from '../src/logs/step-slices.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/logs/${name}`, import.meta.url), 'utf8');

function step(
  number: number,
  name: string,
  started_at: string | null,
  completed_at: string | null,
  conclusion: string | null = 'success',
  status = completed_at ? 'completed' : started_at ? 'in_progress' : 'pending',
): StepForSlicing {
  return { number, name, status, conclusion, started_at, completed_at };
}

/** The physical line numbers each step got, as [first, last] (or [] when empty). */
function ranges(slices: Map<number, LogLine[]>): Record<number, number[]> {
  const out: Record<number, number[]> = {};
  for (const [number, lines] of slices) {
    out[number] = lines.length === 0 ? [] : [(lines[0] as LogLine).number, (lines.at(-1) as LogLine).number];
  }
  return out;
}

describe('sliceStepLines on a failed build (test/fixtures/logs/failed-build.txt)', () => {
  const lines = parseLog(fixture('failed-build.txt'));
  const steps = [
    step(1, 'Set up job', '2026-10-04T17:58:47Z', '2026-10-04T17:58:49Z'),
    step(2, 'Run actions/checkout@v4', '2026-10-04T17:58:49Z', '2026-10-04T17:58:50Z'),
    step(3, 'Set up Node', '2026-10-04T17:58:50Z', '2026-10-04T17:58:51Z'),
    step(4, 'Install dependencies', '2026-10-04T17:58:52Z', '2026-10-04T17:58:57Z'),
    step(5, 'Run echo one', '2026-10-04T17:58:58Z', '2026-10-04T17:58:58Z'),
    step(6, 'Run npm test', '2026-10-04T17:58:58Z', '2026-10-04T17:59:03Z', 'failure'),
    step(7, 'Upload coverage', '2026-10-04T17:59:03Z', '2026-10-04T17:59:03Z', 'skipped'),
    step(61, 'Post Set up Node', '2026-10-04T17:59:03Z', '2026-10-04T17:59:03Z'),
    step(62, 'Post Run actions/checkout@v4', '2026-10-04T17:59:03Z', '2026-10-04T17:59:03Z'),
    step(63, 'Complete job', '2026-10-04T17:59:03Z', '2026-10-04T17:59:03Z'),
  ];
  const slices = sliceStepLines(lines, steps);

  it('gives every step its physical lines, from header to the next header', () => {
    expect(ranges(slices)).toEqual({
      1: [1, 16],
      2: [17, 29],
      3: [30, 37],
      4: [38, 43],
      5: [44, 49],
      6: [50, 60],
      7: [],
      61: [61, 61],
      62: [62, 65],
      63: [66, 66],
    });
  });

  it('puts every line in exactly one step, in order', () => {
    const all = [...slices.values()].flat().map((l) => l.number).sort((a, b) => a - b);
    expect(all).toEqual(lines.map((l) => l.number));
  });

  it('gives "Set up job" the lines before the first header, its own groups included', () => {
    const setup = slices.get(1) ?? [];
    expect(setup[0]?.content).toBe("Current runner version: '2.328.0'");
    expect(setup.filter((l) => l.kind === 'GROUP').map((l) => l.content)).toEqual(['Operating System', 'GITHUB_TOKEN Permissions']);
  });

  it('matches a uses: step whose name does not match its header by order and time', () => {
    expect(slices.get(3)?.[0]?.content).toBe('Run actions/setup-node@v4');
    expect(slices.get(4)?.[0]?.content).toBe('Run npm ci');
  });

  it('keeps the continuation lines of a multi-line script header with its step', () => {
    expect(slices.get(5)?.[0]).toMatchObject({ kind: 'GROUP', content: 'Run echo one\necho two' });
    expect(slices.get(5)?.map((l) => l.content).slice(-2)).toEqual(['one', 'two']);
  });

  it("leaves a user's ::group::Run … inside the failed step, with the step's errors", () => {
    const failed = slices.get(6) ?? [];
    expect(failed.map((l) => l.content)).toContain('Run unit tests');
    expect(failed.filter((l) => l.kind === 'ERROR').map((l) => l.content)).toEqual([
      'AssertionError: expected 500 to be 200\n ❯ test/app.test.ts:12:5\n',
      'Process completed with exit code 1.',
    ]);
  });

  it('gives a skipped step an empty list', () => {
    expect(slices.get(7)).toEqual([]);
  });

  it('matches post steps by their "Post job cleanup." lines, one each', () => {
    expect(slices.get(61)?.map((l) => l.content)).toEqual(['Post job cleanup.']);
    expect(slices.get(62)?.map((l) => l.content)).toEqual([
      'Post job cleanup.',
      '/usr/bin/git version',
      'git version 2.51.0',
      "Temporarily overriding HOME='/home/runner/work/_temp/5c1e' before making global git config changes",
    ]);
  });

  it('gives "Complete job" the trailing lines', () => {
    expect(slices.get(63)?.map((l) => l.content)).toEqual(['Cleaning up orphan processes']);
  });

  it('gives the same answer whatever order the steps arrive in', () => {
    expect(ranges(sliceStepLines(lines, [...steps].reverse()))).toEqual(ranges(slices));
  });
});

describe('sliceStepLines on an in-progress job', () => {
  const lines = parseLog(
    [
      '2026-10-04T10:00:00.1000000Z Current runner version: \'2.328.0\'',
      '2026-10-04T10:00:01.0000000Z Complete job name: test',
      '2026-10-04T10:00:02.0000000Z ##[group]Run actions/checkout@v4',
      '2026-10-04T10:00:02.0000100Z ##[endgroup]',
      '2026-10-04T10:00:03.0000000Z Syncing repository: octo-org/hello',
      '2026-10-04T10:00:05.0000000Z ##[group]Run make build',
      '2026-10-04T10:00:05.0000100Z \u001b[36;1mmake build\u001b[0m',
      '2026-10-04T10:00:05.0000200Z ##[endgroup]',
      '2026-10-04T10:00:09.0000000Z cc -o hello hello.c',
    ].join('\n'),
  );
  const steps = [
    step(1, 'Set up job', '2026-10-04T10:00:00Z', '2026-10-04T10:00:02Z'),
    step(2, 'Run actions/checkout@v4', '2026-10-04T10:00:02Z', '2026-10-04T10:00:04Z'),
    step(3, 'Run make build', '2026-10-04T10:00:05Z', null, null),
    step(4, 'Run make test', null, null, null),
    step(5, 'Post Run actions/checkout@v4', null, null, null),
    step(6, 'Complete job', null, null, null),
  ];

  it('gives the running step everything after its header and pending steps nothing', () => {
    expect(ranges(sliceStepLines(lines, steps))).toEqual({ 1: [1, 2], 2: [3, 5], 3: [6, 9], 4: [], 5: [], 6: [] });
  });

  it('treats queued and waiting steps as having no output even if they carry a start time', () => {
    const queued = steps.map((s) => (s.number === 3 ? { ...s, status: 'queued' } : s));
    const slices = sliceStepLines(lines, queued);
    expect(slices.get(3)).toEqual([]);
    expect(ranges(slices)[2]).toEqual([3, 9]);
  });
});

describe('sliceStepLines, harder cases', () => {
  it('counts a post step\'s own ##[group]Run header and its "Post job cleanup." as one header', () => {
    const lines = parseLog(
      [
        '2026-10-04T10:00:00.0000000Z Complete job name: x',
        '2026-10-04T10:00:01.0000000Z ##[group]Run ./.github/actions/cache',
        '2026-10-04T10:00:01.0000100Z ##[endgroup]',
        '2026-10-04T10:00:01.5000000Z restored',
        '2026-10-04T10:00:02.0000000Z ##[group]Run ./.github/actions/cache',
        '2026-10-04T10:00:02.0000100Z with:',
        '2026-10-04T10:00:02.0000200Z   path: ~/.npm',
        '2026-10-04T10:00:02.0000300Z ##[endgroup]',
        '2026-10-04T10:00:02.1000000Z Post job cleanup.',
        '2026-10-04T10:00:02.2000000Z saved',
        '2026-10-04T10:00:03.0000000Z Cleaning up orphan processes',
      ].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      step(1, 'Set up job', '2026-10-04T10:00:00Z', '2026-10-04T10:00:01Z'),
      step(2, 'Cache', '2026-10-04T10:00:01Z', '2026-10-04T10:00:01Z'),
      step(3, 'Post Cache', '2026-10-04T10:00:02Z', '2026-10-04T10:00:02Z'),
      step(4, 'Complete job', '2026-10-04T10:00:03Z', '2026-10-04T10:00:03Z'),
    ]);
    expect(ranges(slices)).toEqual({ 1: [1, 1], 2: [2, 4], 3: [5, 10], 4: [11, 11] });
  });

  it("keeps a composite action's inner Run headers inside the composite step", () => {
    const lines = parseLog(
      [
        '2026-10-04T10:00:00.0000000Z Complete job name: x',
        '2026-10-04T10:00:01.0000000Z ##[group]Run ./.github/actions/setup',
        '2026-10-04T10:00:01.0000100Z ##[endgroup]',
        '2026-10-04T10:00:01.1000000Z ##[group]Run npm ci',
        '2026-10-04T10:00:01.1000100Z ##[endgroup]',
        '2026-10-04T10:00:04.0000000Z ##[group]Run npm run lint',
        '2026-10-04T10:00:04.0000100Z ##[endgroup]',
        '2026-10-04T10:00:05.0000000Z ##[group]Run npm test',
        '2026-10-04T10:00:05.0000100Z ##[endgroup]',
        '2026-10-04T10:00:06.0000000Z ok',
      ].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      step(1, 'Set up job', '2026-10-04T10:00:00Z', '2026-10-04T10:00:01Z'),
      step(2, 'Setup', '2026-10-04T10:00:01Z', '2026-10-04T10:00:03Z'),
      step(3, 'Lint', '2026-10-04T10:00:04Z', '2026-10-04T10:00:04Z'),
      step(4, 'Run npm test', '2026-10-04T10:00:05Z', '2026-10-04T10:00:06Z'),
    ]);
    expect(ranges(slices)).toEqual({ 1: [1, 1], 2: [2, 5], 3: [6, 7], 4: [8, 10] });
  });

  it('gives a step whose header is missing the lines in its time window', () => {
    const lines = parseLog(
      [
        '2026-10-04T10:00:00.0000000Z Complete job name: x',
        '2026-10-04T10:00:01.0000000Z ##[group]Run make',
        '2026-10-04T10:00:01.0000100Z ##[endgroup]',
        '2026-10-04T10:00:01.5000000Z built',
        '2026-10-04T10:00:03.0000000Z lines of a step without header',
        'and its continuation',
        '2026-10-04T10:00:04.0000000Z more',
        '2026-10-04T10:00:07.0000000Z final words',
      ].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      step(1, 'Set up job', '2026-10-04T10:00:00Z', '2026-10-04T10:00:00Z'),
      step(2, 'Run make', '2026-10-04T10:00:01Z', '2026-10-04T10:00:02Z'),
      step(3, 'Mystery', '2026-10-04T10:00:03Z', '2026-10-04T10:00:05Z'),
      step(4, 'Complete job', '2026-10-04T10:00:07Z', '2026-10-04T10:00:07Z'),
    ]);
    expect(ranges(slices)).toEqual({ 1: [1, 1], 2: [2, 4], 3: [5, 7], 4: [8, 8] });
  });

  it('uses time to choose between two identical headers', () => {
    const lines = parseLog(
      [
        '2026-10-04T10:00:01.0000000Z ##[group]Run make',
        '2026-10-04T10:00:01.0000100Z ##[endgroup]',
        '2026-10-04T10:00:02.0000000Z ##[group]Run make',
        '2026-10-04T10:00:02.0000100Z ##[endgroup]',
        '2026-10-04T10:00:09.0000000Z ##[group]Run make',
        '2026-10-04T10:00:09.0000100Z ##[endgroup]',
      ].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      step(2, 'Run make', '2026-10-04T10:00:01Z', '2026-10-04T10:00:05Z'),
      step(3, 'Run make', '2026-10-04T10:00:09Z', '2026-10-04T10:00:09Z'),
    ]);
    expect(ranges(slices)).toEqual({ 2: [1, 4], 3: [5, 6] });
  });

  it('uses the step name to skip a user group named "Run …" when times cannot tell', () => {
    const lines = parseLog(
      [
        '2026-10-04T10:00:01.0000000Z ##[group]Run a',
        '2026-10-04T10:00:01.0000100Z ##[endgroup]',
        '2026-10-04T10:00:01.2000000Z ##[group]Run the tests',
        '2026-10-04T10:00:01.3000000Z ##[endgroup]',
        '2026-10-04T10:00:01.4000000Z ##[group]Run b',
        '2026-10-04T10:00:01.5000000Z done',
      ].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      step(2, 'Run a', '2026-10-04T10:00:01Z', '2026-10-04T10:00:01Z'),
      step(3, 'Run b', '2026-10-04T10:00:01Z', '2026-10-04T10:00:01Z'),
    ]);
    expect(ranges(slices)).toEqual({ 2: [1, 4], 3: [5, 6] });
  });

  it('prefers "Post job cleanup." over a Run header of the last main step in the same second', () => {
    const lines = parseLog(
      [
        '2026-10-04T10:00:01.0000000Z ##[group]Run ./.github/actions/deploy',
        '2026-10-04T10:00:01.0000100Z ##[endgroup]',
        '2026-10-04T10:00:02.1000000Z ##[group]Run ./scripts/notify.sh',
        '2026-10-04T10:00:02.1000100Z ##[endgroup]',
        '2026-10-04T10:00:02.5000000Z notified',
        '2026-10-04T10:00:02.6000000Z Post job cleanup.',
        '2026-10-04T10:00:02.7000000Z removed credentials',
      ].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      step(2, 'Deploy', '2026-10-04T10:00:01Z', '2026-10-04T10:00:02Z'),
      step(62, 'Post Deploy', '2026-10-04T10:00:02Z', '2026-10-04T10:00:02Z'),
    ]);
    expect(ranges(slices)).toEqual({ 2: [1, 5], 62: [6, 7] });
  });

  it('falls back to order when steps carry no times', () => {
    const lines = parseLog(
      ['2026-10-04T10:00:01.0000000Z ##[group]Run a', '2026-10-04T10:00:02.0000000Z ##[group]Run b', '2026-10-04T10:00:03.0000000Z x'].join('\n'),
    );
    const slices = sliceStepLines(lines, [
      { number: 2, name: 'A', status: 'completed', conclusion: 'success', started_at: 'yes', completed_at: 'garbage' },
      { number: 3, name: 'B', status: 'completed', conclusion: 'success', started_at: 'yes' },
    ]);
    expect(ranges(slices)).toEqual({ 2: [1, 1], 3: [2, 3] });
  });

  it('never throws on odd input', () => {
    const lines = parseLog('orphan\n2026-10-04T10:00:01.0000000Z Post job cleanup.\n2026-10-04T10:00:02.0000000Z ##[group]Run x\n');
    expect(sliceStepLines([], [step(1, 'Set up job', null, null)])).toEqual(new Map([[1, []]]));
    expect(sliceStepLines(lines, [])).toEqual(new Map());
    const odd = sliceStepLines(lines, [
      step(1, 'Complete job', '2026-10-04T10:00:00Z', '2026-10-04T09:00:00Z'),
      step(1, 'Set up job', 'not a date', null),
      step(Number.NaN, 'Post x', '2026-10-04T10:00:00Z', null),
    ]);
    expect([...odd.values()].flat().length).toBeLessThanOrEqual(lines.length);
  });

  it('gives lines before the first header to no step when there is no "Set up job"', () => {
    const lines = parseLog(['2026-10-04T10:00:00.0000000Z stray', '2026-10-04T10:00:05.0000000Z ##[group]Run a'].join('\n'));
    const slices = sliceStepLines(lines, [step(2, 'Run a', '2026-10-04T10:00:05Z', '2026-10-04T10:00:05Z')]);
    expect(ranges(slices)).toEqual({ 2: [2, 2] });
  });
});
