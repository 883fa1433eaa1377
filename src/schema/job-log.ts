import type { GraphQLObjectType } from 'graphql';
import type { GatewayContext } from '../context.ts';
import type { GitHubJob } from '../github/types.ts';
import type { JobLogData, JobLogRef } from '../loaders/log-loader.ts';
import { stripAnsi } from '../logs/parse-log.ts';
import type { LinesRequest, LogNeeds } from '../logs/read-log.ts';
import { linesKey } from '../logs/read-log.ts';
import { declareCost, logDownloads } from '../plan/cost.ts';
import { builder } from './builder.ts';
import { JobRef } from './job.ts';
import { jobRepo } from '../github/job-repo.ts';
import { ANSI_DESCRIPTION, chargeLines, chargeText, checkLinesArgs, isValidLinesArgs, logFieldCost, MAX_LOG_LINES, withAnsi } from './log-args.ts';
import { LogLineRef } from './log-line.ts';
import { selectedFields } from './selection.ts';

/** The model behind JobLog: which job, and what the request's one download kept. */
interface JobLogModel {
  job: JobLogRef;
  data: JobLogData;
}

export function jobLogRef(job: GitHubJob): JobLogRef {
  const { owner, repo } = jobRepo(job);
  return { owner, repo, jobId: job.id, steps: job.steps ?? [] };
}

export const JobLogRefType = builder.objectRef<JobLogModel>('JobLog');

/**
 * A field's answer from the data the planned download kept; if the plan missed it (a selection shape the
 * planner does not see), the loader reads again rather than answer wrong.
 */
async function dataFor(model: JobLogModel, needs: Partial<LogNeeds>, has: (data: JobLogData) => boolean, ctx: GatewayContext): Promise<JobLogData> {
  return has(model.data) ? model.data : ctx.logs.load(model.job, needs);
}

JobLogRefType.implement({
  description:
    "A job's log, read from GitHub's storage host without the caller's credentials, once per request however many of these fields are asked.",
  fields: (t) => ({
    text: t.string({
      description: 'The log as written, BOM stripped, up to the MAX_LOG_BYTES cap (see `truncated`)',
      args: { ansi: t.arg.boolean({ defaultValue: true, description: ANSI_DESCRIPTION }) },
      resolve: async (model, { ansi }, ctx) => {
        const data = await dataFor(model, { text: true }, (d) => d.text !== null, ctx);
        const text = data.text ?? '';
        return chargeText(ctx.account, ansi === false ? stripAnsi(text) : text);
      },
    }),
    truncated: t.boolean({
      description: 'True when the log is longer than the MAX_LOG_BYTES cap, so `text` is cut',
      resolve: async (model, _args, ctx) => {
        const { data } = model;
        if (data.textTruncated !== null) return data.textTruncated;
        if (data.sizeBytes !== null) return data.sizeBytes > ctx.config.maxLogBytes;
        return (await ctx.logs.load(model.job, { text: true })).textTruncated ?? false;
      },
    }),
    sizeBytes: t.field({
      type: 'BigInt',
      nullable: true,
      description: "The whole log's size in bytes, from the storage host's Content-Length or Content-Range",
      resolve: (model) => model.data.sizeBytes,
    }),
    lines: t.field({
      type: [LogLineRef],
      description:
        `Messages of the log. \`first\`: the first n; \`last\`: the last n of the whole log (read from its end with an HTTP Range ` +
        `when nothing else is asked; numbered from the end, see LogLine.number); both: the last of the first. \`contains\` keeps ` +
        `messages containing the text (escapes ignored). Without first/last: the messages within the MAX_LOG_BYTES cap. ` +
        `first/last: 0..${MAX_LOG_LINES}.`,
      args: {
        first: t.arg.int(),
        last: t.arg.int(),
        contains: t.arg.string(),
        ansi: t.arg.boolean({ defaultValue: true, description: ANSI_DESCRIPTION }),
      },
      resolve: async (model, { first, last, contains, ansi }, ctx) => {
        const request: LinesRequest = { first, last, contains };
        checkLinesArgs(request);
        const key = linesKey(request);
        const data = await dataFor(model, { lines: [request] }, (d) => d.lines.has(key), ctx);
        return chargeLines(ctx.account, withAnsi(data.lines.get(key) ?? [], ansi));
      },
    }),
    errors: t.field({
      type: [LogLineRef],
      description: 'The `##[error]` messages of the whole log (what a CI dashboard shows first), numbered from the start',
      args: { ansi: t.arg.boolean({ defaultValue: true, description: ANSI_DESCRIPTION }) },
      resolve: async (model, { ansi }, ctx) => {
        const data = await dataFor(model, { errors: true }, (d) => d.errors !== null, ctx);
        return chargeLines(ctx.account, withAnsi(data.errors ?? [], ansi));
      },
    }),
  }),
});

builder.objectField(JobRef, 'logs', (t) =>
  t.field({
    type: JobLogRefType,
    nullable: true,
    description:
      "The job's log (GET …/jobs/{job_id}/logs). Null with NOT_FOUND while the job runs (no log yet), GONE after GitHub's retention; the job's other fields still resolve.",
    resolve: async (job, _args, ctx, info) => {
      const ref = jobLogRef(job);
      // Plan the one download from everything selected under `logs`; the steps' `log` fields join it (log-loader.ts).
      const needs: Partial<LogNeeds> = { lines: [] };
      for (const field of selectedFields(info, info.schema.getType('JobLog') as GraphQLObjectType)) {
        if (field.name === 'text') needs.text = true;
        else if (field.name === 'errors') needs.errors = true;
        else if (field.name === 'lines' && isValidLinesArgs(field.args)) {
          const { first, last, contains } = field.args as LinesRequest;
          needs.lines?.push({ first, last, contains });
        }
      }
      const data = await ctx.logs.load(ref, needs);
      return { job: ref, data };
    },
  }),
);

declareCost('Job.logs', ({ parent }) => ({ demands: logDownloads(parent) }));
declareCost('JobLog.text', ({ parent, limits }) => logFieldCost(parent, parent, limits));
declareCost('JobLog.lines', ({ args, parent, limits, newId }) => logFieldCost(parent, parent, limits, args ?? {}, newId));
declareCost('JobLog.errors', ({ parent, limits, newId }) => logFieldCost(parent, parent, limits, {}, newId));
