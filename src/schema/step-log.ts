import type { LogLine } from '../logs/log-line.ts';
import { sliceFirstLast } from '../logs/error-lines.ts';
import { stripAnsi } from '../logs/parse-log.ts';
import { renderLines } from '../logs/render-lines.ts';
import { declareCost, logDownloads } from '../plan/cost.ts';
import { builder } from './builder.ts';
import { jobLogRef } from './job-log.ts';
import { ANSI_DESCRIPTION, chargeLines, chargeText, checkLinesArgs, logFieldCost, MAX_LOG_LINES, withAnsi } from './log-args.ts';
import { LogLineRef } from './log-line.ts';
import { StepRef } from './step.ts';
import { jobOfStep } from './step-owner.ts';

/** The lines of one step, cut from the job's log (src/logs/step-slices.ts documents the rule). */
interface StepLogModel {
  lines: LogLine[];
}

export const StepLogRef = builder.objectRef<StepLogModel>('StepLog');

StepLogRef.implement({
  description:
    "One step's part of the job's log: from its `##[group]Run …` header (or `Post job cleanup.`) to the next step's, " +
    "cross-checked with the step's started_at..completed_at. Empty for steps that did not run (skipped, pending). " +
    'Covers the first MAX_LOG_BYTES of the log. Numbers count from the start of the file.',
  fields: (t) => ({
    text: t.string({
      description: "The step's lines as the log has them (timestamps, `##[…]` markers), LF line endings",
      args: { ansi: t.arg.boolean({ defaultValue: true, description: ANSI_DESCRIPTION }) },
      resolve: (model, { ansi }, ctx) => {
        const text = renderLines(model.lines);
        return chargeText(ctx.account, ansi === false ? stripAnsi(text) : text);
      },
    }),
    lines: t.field({
      type: [LogLineRef],
      description: `The step's messages; \`first\`/\`last\` (0..${MAX_LOG_LINES}) keep the first or last n`,
      args: {
        first: t.arg.int(),
        last: t.arg.int(),
        ansi: t.arg.boolean({ defaultValue: true, description: ANSI_DESCRIPTION }),
      },
      resolve: (model, { first, last, ansi }, ctx) => {
        checkLinesArgs({ first, last });
        return chargeLines(ctx.account, withAnsi(sliceFirstLast(model.lines, { first, last }), ansi));
      },
    }),
  }),
});

builder.objectField(StepRef, 'log', (t) =>
  t.field({
    type: StepLogRef,
    nullable: true,
    description: "This step's lines of the job's log; null with the job log's error (NOT_FOUND, GONE, …) when there is none",
    resolve: async (step, _args, ctx) => {
      const job = jobOfStep(step);
      if (!job) return null;
      // Shares the job's one download with Job.logs and the other steps (log-loader.ts).
      const data = await ctx.logs.load(jobLogRef(job), { capped: true });
      return { lines: data.stepLines().get(step.number) ?? [] };
    },
  }),
);

// A step's log is its slice of the job's one download; all steps' slices together are at most the job's log.
declareCost('Step.log', ({ parent }) => ({ demands: logDownloads(parent.origin ?? parent) }));
declareCost('StepLog.text', ({ parent, limits }) => logFieldCost(parent.origin ?? parent, parent, limits));
declareCost('StepLog.lines', ({ args, parent, limits, newId }) => logFieldCost(parent.origin ?? parent, parent, limits, args ?? {}, newId));
