import { LOG_LINE_KINDS, type LogLine } from '../logs/log-line.ts';
import { declareCost } from '../plan/cost.ts';
import { builder } from './builder.ts';

export const LogLineKind = builder.enumType('LogLineKind', {
  description: 'What the runner marked a line as: `##[group]`, `##[error]`, … or plain OUTPUT.',
  values: Object.fromEntries(LOG_LINE_KINDS.map((kind) => [kind, { value: kind }])) as Record<LogLine['kind'], { value: LogLine['kind'] }>,
});

export const LogLineRef = builder.objectRef<LogLine>('LogLine');

LogLineRef.implement({
  description:
    'One message of a job log: a timestamped line plus the continuation lines below it (joined with "\\n").',
  fields: (t) => ({
    number: t.exposeInt('number', {
      description:
        'Position in the log file, in physical lines: from the start (1 = the first line), or, in the answer to ' +
        '`lines(last:)` without `first`, from the end (-1 = the last line; n from the start is n - total - 1 from ' +
        'the end). Not consecutive: continuation lines are counted too.',
    }),
    timestamp: t.field({
      type: 'DateTime',
      nullable: true,
      description: "The runner's timestamp (milliseconds kept of its 100 ns); null for text without one above it",
      resolve: (line) => line.timestamp,
    }),
    content: t.exposeString('content', { description: 'The message without timestamp and `##[kind]` marker' }),
    kind: t.field({ type: LogLineKind, resolve: (line) => line.kind }),
  }),
});

// Lines come by the hundred thousand: their small fields are sized, not given the default. A line's content
// is part of its field's log bytes (log-args.ts' logFieldCost), counted there.
declareCost('LogLine.number', ({ parent }) => ({ bytes: parent.count * 20 }));
declareCost('LogLine.timestamp', ({ parent }) => ({ bytes: parent.count * 40 }));
declareCost('LogLine.kind', ({ parent }) => ({ bytes: parent.count * 20 }));
declareCost('LogLine.content', ({ parent }) => ({ bytes: parent.count * 16 }));
