// Writes a job's log deterministically from its steps, in the format GitHub serves (log-lines.ts).
//
// Layout choices, mirroring real logs:
// - Only steps that ran (completed, not skipped, with both timestamps) have lines; their lines'
//   timestamps lie within the step's started_at..completed_at window at second resolution
//   (completed_at + 0.9999999 s at most), and increase through the log.
// - A main step opens with `##[group]Run <action or first script line>` … `##[endgroup]`, then output.
// - A post step ("Post Run actions/checkout@v4") opens with the bare line `Post job cleanup.`, as the
//   runner writes it: it has NO `##[group]Run …` header, so a parser must place it by its time window.
// - "Set up job" has its own preamble, including `##[group]` blocks that belong to no step
//   (`##[group]Operating System`); "Complete job" ends with `##[section]Finishing: <job name>`.
import { createRng, seedFrom, type Rng } from './prng.ts';
import type { Job, Step } from './job-factory.ts';
import { COMPLETE_JOB, SET_UP_JOB, STEP_KINDS, stepKindOf, type StepKind } from './step-catalog.ts';
import { BOM, CYAN, GREEN, RED, RESET, RESET_FG, TICKS_PER_SECOND, YELLOW, logEntry } from './log-lines.ts';

export { hugeLogSize, streamHugeLog, HUGE_LOG_JOB } from './huge-log.ts';

export interface RenderOptions {
  /** One job in the dataset is served with CRLF line endings, as Windows runners' tools produce. */
  lineEnding?: '\n' | '\r\n';
}

export function renderJobLog(job: Job, options: RenderOptions = {}): string {
  const eol = options.lineEnding ?? '\n';
  const steps = (job.steps ?? []).filter(hasOutput);
  const first = steps[0];
  if (!first) return BOM;
  const baseSeconds = Math.floor(Date.parse(first.started_at ?? '') / 1000);
  const ticksOf = (iso: string): number => (Date.parse(iso) / 1000 - baseSeconds) * TICKS_PER_SECOND;
  let out = BOM;
  let lastTick = -1;
  for (const step of steps) {
    const messages = stepMessages(job, step);
    const low = Math.max(ticksOf(step.started_at ?? ''), lastTick + 1);
    // The whole last second belongs to the window: timestamps are compared at second resolution.
    const high = ticksOf(step.completed_at ?? '') + TICKS_PER_SECOND - 1;
    messages.forEach((message, index) => {
      const tick = Math.max(lastTick + 1, low + Math.floor(((high - low) * index) / messages.length));
      out += logEntry(baseSeconds, tick, message, eol);
      lastTick = tick;
    });
  }
  return out;
}

function hasOutput(step: Step): boolean {
  return step.status === 'completed' && step.conclusion !== 'skipped' && !!step.started_at && !!step.completed_at;
}

interface LogContext {
  job: Job;
  step: Step;
  owner: string;
  repo: string;
  rng: Rng;
}

function stepMessages(job: Job, step: Step): string[] {
  const [, owner = 'octo-org', repo = 'app'] = /\/repos\/([^/]+)\/([^/]+)\//.exec(job.url) ?? [];
  const ctx: LogContext = { job, step, owner, repo, rng: createRng(seedFrom(job.id, step.number)) };
  if (step.name === SET_UP_JOB) return setUpJob(ctx);
  if (step.name === COMPLETE_JOB) return ['Cleaning up orphan processes', `##[section]Finishing: ${job.name}`];
  const { kind, isPost } = stepKindOf(step.name);
  if (isPost) return ['Post job cleanup.', ...postOutput(ctx, kind)];
  const header = kind ?? { name: step.name, header: step.name.startsWith('Run ') ? step.name : `Run ${step.name}` };
  const lines = [...groupHeader(header), ...mainOutput(ctx, kind)];
  if (step.conclusion === 'failure') lines.push('##[error]Process completed with exit code 1.');
  if (step.conclusion === 'cancelled') lines.push('##[error]The operation was canceled.');
  return lines;
}

function setUpJob({ job, rng }: LogContext): string[] {
  const selfHosted = job.labels.includes('self-hosted');
  const lines = [`Current runner version: '2.321.0'`];
  if (selfHosted) {
    lines.push(`Runner name: '${job.runner_name}'`, `Runner group name: '${job.runner_group_name}'`, `Machine name: '${job.runner_name}'`);
  }
  lines.push('##[group]Operating System', 'Ubuntu', '24.04.1', 'LTS', '##[endgroup]');
  if (!selfHosted) {
    lines.push(
      '##[group]Runner Image',
      'Image: ubuntu-24.04',
      `Version: 20250105.${rng.int(1, 3)}.0`,
      'Included Software: https://github.com/actions/runner-images/blob/ubuntu24/20250105.1/images/ubuntu/Ubuntu2404-Readme.md',
      '##[endgroup]',
    );
  }
  lines.push(
    '##[group]GITHUB_TOKEN Permissions',
    'Contents: read',
    'Metadata: read',
    '##[endgroup]',
    'Secret source: Actions',
    'Prepare workflow directory',
    'Prepare all required actions',
    'Getting action download info',
    `Download action repository 'actions/checkout@v4' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)`,
    `Complete job name: ${job.name}`,
  );
  return lines;
}

function groupHeader(kind: StepKind): string[] {
  const lines = [`##[group]${kind.header}`];
  if (kind.action) lines.push('with:', '  token: ***', '  persist-credentials: true');
  for (const line of kind.script ?? []) lines.push(`${CYAN}${line}${RESET}`);
  if (kind.script) lines.push('shell: /usr/bin/bash -e {0}', 'env:', '  CI: true');
  lines.push('##[endgroup]');
  return lines;
}

function mainOutput(ctx: LogContext, kind: StepKind | undefined): string[] {
  const { job, owner, repo, rng, step } = ctx;
  const failed = step.conclusion === 'failure';
  switch (kind) {
    case STEP_KINDS.checkout: {
      const branch = job.head_branch ?? 'main';
      return [
        `Syncing repository: ${owner}/${repo}`,
        '##[group]Getting Git version info',
        `Working directory is '/home/runner/work/${repo}/${repo}'`,
        '[command]/usr/bin/git version',
        'git version 2.47.1',
        '##[endgroup]',
        `[command]/usr/bin/git init /home/runner/work/${repo}/${repo}`,
        `[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +${job.head_sha}:refs/remotes/origin/${branch}`,
        `[command]/usr/bin/git checkout --progress --force -B ${branch} refs/remotes/origin/${branch}`,
        `'${job.head_sha}'`,
      ];
    }
    case STEP_KINDS.setupNode: {
      const lines = [
        'Found in cache @ /opt/hostedtoolcache/node/20.18.1/x64',
        '##[group]Environment details',
        'node: v20.18.1',
        'npm: 10.8.2',
        '##[endgroup]',
      ];
      if (rng.chance(0.5)) lines.push('##[warning]Cache not found for keys: node-cache-Linux-x64-npm-0f1e2d');
      return lines;
    }
    case STEP_KINDS.install: {
      const packages = rng.int(200, 900);
      return [
        'npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
        '',
        `added ${packages} packages, and audited ${packages + 1} packages in ${rng.int(4, 40)}s`,
        '',
        `${rng.int(20, 120)} packages are looking for funding`,
        '  run `npm fund` for details',
        '',
        `found ${GREEN}\u001b[1m0\u001b[22m${RESET_FG} vulnerabilities`,
      ];
    }
    case STEP_KINDS.test:
      return testOutput(ctx, failed);
    case STEP_KINDS.upload:
      return [
        'With the provided path, there will be 3 files uploaded',
        'Artifact name is valid!',
        `Uploaded bytes ${rng.int(10_000, 900_000)}`,
        `Artifact dist.zip successfully finalized. Artifact ID ${rng.int(1_000_000_000, 2_000_000_000)}`,
      ];
    case STEP_KINDS.deploy:
      return [
        `##[debug]Deploying ${job.head_sha.slice(0, 7)}`,
        `Deploying ${owner}/${repo}@${job.head_sha.slice(0, 7)} to production`,
        failed ? `${RED}deploy failed: 503 from the load balancer${RESET}` : `${GREEN}Deployed.${RESET}`,
      ];
    default: {
      const script = kind?.script?.[0] ?? 'make';
      const lines = [`> app@1.0.0 ${script.replace(/^npm (run )?/, '')}`, `> ${script}`, ''];
      const warnings = rng.int(1, 6);
      for (let i = 0; i < warnings; i++) lines.push(`${YELLOW}warning${RESET} src/module-${i}.ts: unused variable 'x${i}'`);
      return lines;
    }
  }
}

function testOutput({ rng }: LogContext, failed: boolean): string[] {
  const files = rng.int(3, 14);
  const lines = ['> app@1.0.0 test', '> vitest run --reporter=dot', '', ` RUN  v4.1.12 /home/runner/work/app/app`, ''];
  for (let i = 0; i < files; i++) {
    lines.push(` ${GREEN}✓${RESET_FG} test/module-${i}.test.ts (${rng.int(1, 40)} tests) ${rng.int(3, 900)}ms`);
  }
  if (!failed) {
    lines.push('', ` Test Files  ${files} passed (${files})`, '##[notice]All tests passed', 'tests finished');
    return lines;
  }
  lines.push(
    ` ${RED}×${RESET_FG} test/sum.test.ts > adds numbers`,
    // A multi-line annotation: only its first line carries a timestamp.
    [
      '##[error]AssertionError: expected 2 to be 3 // Object.is equality',
      '',
      '- Expected',
      '+ Received',
      '',
      '- 3',
      '+ 2',
      '',
      ' ❯ test/sum.test.ts:12:17',
    ].join('\n'),
    '',
    ` Test Files  ${RED}1 failed${RESET_FG} | ${files} passed (${files + 1})`,
  );
  return lines;
}

function postOutput({ repo }: LogContext, kind: StepKind | undefined): string[] {
  if (kind !== STEP_KINDS.checkout) return [`##[debug]Nothing to clean up for ${kind?.action ?? 'this step'}`];
  return [
    '[command]/usr/bin/git version',
    'git version 2.47.1',
    `Temporarily overriding HOME='/home/runner/work/_temp/6f0c7a3e' before making global git config changes`,
    `[command]/usr/bin/git config --global --add safe.directory /home/runner/work/${repo}/${repo}`,
    `[command]/usr/bin/git config --local --name-only --get-regexp core\\.sshCommand`,
    `[command]/usr/bin/git config --local --unset-all http.https://github.com/.extraheader`,
  ];
}
