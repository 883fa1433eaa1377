// The steps our fake workflows are made of. Shared by dataset.ts (which names steps in job JSON)
// and fake-logs.ts (which writes each step's output), so a step's log header always matches it.
//
// GitHub names an unnamed step after its action or first script line ("Run actions/checkout@v4",
// "Run npm run lint"); a named step keeps its name in the API ("Install dependencies") while its
// log still opens with `##[group]Run <action or first script line>`.

export interface StepKind {
  /** The step's `name` in the REST job object. */
  name: string;
  /** The text after `##[group]` that opens the step's output in the log. */
  header: string;
  /** `uses:` of an action step; such steps log their `with:` inputs inside the group. */
  action?: string;
  /** The `run:` script of a script step; every line is echoed (in cyan) inside the group. */
  script?: string[];
  /** Actions with a post step get "Post <name>" numbered from 61 on (see dataset.ts). */
  post?: boolean;
}

export const STEP_KINDS = {
  checkout: {
    name: 'Run actions/checkout@v4',
    header: 'Run actions/checkout@v4',
    action: 'actions/checkout@v4',
    post: true,
  },
  setupNode: {
    name: 'Run actions/setup-node@v4',
    header: 'Run actions/setup-node@v4',
    action: 'actions/setup-node@v4',
    post: true,
  },
  install: { name: 'Install dependencies', header: 'Run npm ci', script: ['npm ci'] },
  lint: { name: 'Run npm run lint', header: 'Run npm run lint', script: ['npm run lint'] },
  build: { name: 'Build', header: 'Run npm run build', script: ['npm run build', 'ls -la dist'] },
  test: {
    name: 'Run tests',
    header: 'Run npm test -- --reporter=dot',
    script: ['npm test -- --reporter=dot', 'echo "tests finished"'],
  },
  upload: {
    name: 'Run actions/upload-artifact@v4',
    header: 'Run actions/upload-artifact@v4',
    action: 'actions/upload-artifact@v4',
  },
  deploy: { name: 'Deploy', header: 'Run ./scripts/deploy.sh production', script: ['./scripts/deploy.sh production'] },
  stress: {
    name: 'Run stress test',
    header: 'Run ./scripts/stress.sh --verbose',
    script: ['./scripts/stress.sh --verbose'],
  },
} as const satisfies Record<string, StepKind>;

export type StepKindName = keyof typeof STEP_KINDS;

export const SET_UP_JOB = 'Set up job';
export const COMPLETE_JOB = 'Complete job';
export const POST_PREFIX = 'Post ';

const byName = new Map<string, StepKind>(Object.values(STEP_KINDS).map((kind) => [kind.name, kind]));

/** The catalogue entry for a step name, following "Post <name>" to its main step. */
export function stepKindOf(stepName: string): { kind: StepKind | undefined; isPost: boolean } {
  if (stepName.startsWith(POST_PREFIX)) {
    return { kind: byName.get(stepName.slice(POST_PREFIX.length)), isPost: true };
  }
  return { kind: byName.get(stepName), isPost: false };
}
