import type { CallOptions, GitHubClient } from '../github/client.ts';
import { jobLogSource, type LogStorageOptions } from '../github/logs.ts';
import type { GitHubJobStep } from '../github/types.ts';
import type { JobKey } from '../plan/keys.ts';
import { jobCacheKey } from '../plan/keys.ts';
import type { LogHold } from '../logs/log-hold.ts';
import type { LogLine } from '../logs/log-line.ts';
import { covers, emptyNeeds, linesKey, mergeNeeds, readTailRange, readWholeLog, tailOnly, type LogNeeds, type LogReadResult } from '../logs/read-log.ts';
import { sliceStepLines } from '../logs/step-slices.ts';

/**
 * Per-request job logs: ONE download per job per GraphQL request, however many of `text`, `lines`, `errors`
 * and the steps' `log` are selected. Every resolver that needs a job's log says what it needs (`load`);
 * needs announced before the download starts are merged (resolvers of one job's fields all run within the
 * same turn of the event loop, so the download waits one `setImmediate`), and the cheapest read that answers
 * them all is chosen:
 * - nothing but `lines(last: n)`: a Range read of the log's last bytes (206), widened if it held fewer than n
 *   lines; a host that ignores Range (200) is streamed through a ring buffer instead;
 * - anything else: one streamed pass (read-log.ts), stopped as soon as what was asked is complete.
 * A need that arrives after its job's download started and is not covered by it costs a second download
 * (a job reached twice in one query through different paths); correct, only slower.
 */

export interface JobLogRef extends JobKey {
  steps: readonly GitHubJobStep[];
}

export interface JobLogData extends LogReadResult {
  /** Lines per step number (step-slices.ts), computed once from `capped`. */
  stepLines(): Map<number, LogLine[]>;
}

export interface LogLoader {
  load(job: JobLogRef, needs: Partial<LogNeeds>): Promise<JobLogData>;
}

export interface LogLoaderOptions {
  client: GitHubClient;
  call: CallOptions;
  storage: LogStorageOptions;
  /** MAX_LOG_BYTES: what one job's text (and kept lines) may hold. */
  maxLogBytes: number;
  /** Log memory: each download reserves its worst case first and keeps what it kept (logs/log-hold.ts). */
  hold?: LogHold;
  /** Counts a download as the request's upstream work from when it is asked for (RequestStats.track). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  /** How tail reads size their Range (tests shrink it to exercise the widening). */
  tail?: TailSizing;
}

export interface TailSizing {
  /** The first Range asks for about this many bytes per line (GitHub's lines are ~100 bytes; colour codes, long paths). */
  bytesPerLine: number;
  minBytes: number;
  /** A tail read widens ×8 while it holds fewer lines than asked, up to this; then it streams the whole log. */
  maxBytes: number;
}

const untracked = <T>(work: () => Promise<T>): Promise<T> => work();

const DEFAULT_TAIL: TailSizing = { bytesPerLine: 1024, minBytes: 64 * 1024, maxBytes: 16 * 1024 * 1024 };

interface Entry {
  needs: LogNeeds;
  started: boolean;
  promise: Promise<JobLogData>;
}

export function createLogLoader({ client, call, storage, maxLogBytes, hold, track = untracked, tail: sizing = DEFAULT_TAIL }: LogLoaderOptions): LogLoader {
  const entries = new Map<string, Entry>();

  const download = async (job: JobLogRef, needs: LogNeeds): Promise<JobLogData> => {
    // Every kept view (text, each lines request, errors, the steps' lines) may hold up to maxLogBytes.
    const views = (needs.text ? 1 : 0) + needs.lines.length + (needs.errors ? 1 : 0) + (needs.capped ? 1 : 0);
    const lease = await hold?.reserve(maxLogBytes * Math.max(1, views));
    try {
      const data = await read(job, needs);
      lease?.shrink(keptBytes(data));
      return data;
    } catch (error) {
      lease?.release();
      throw error;
    }
  };

  const read = async (job: JobLogRef, needs: LogNeeds): Promise<JobLogData> => {
    const source = jobLogSource(client, { owner: job.owner, repo: job.repo, jobId: job.jobId }, call, storage);
    const tail = tailOnly(needs);
    let result: LogReadResult | undefined;
    if (tail !== null) {
      let suffix = tail === 0 ? 1 : Math.min(sizing.maxBytes, Math.max(sizing.minBytes, tail * sizing.bytesPerLine));
      for (;;) {
        const response = await source.open({ suffix });
        if (response.status === 200) {
          // The host ignored Range: stream the whole log through ring buffers.
          result = await readWholeLog(response.body, { needs, maxBytes: maxLogBytes, sizeBytes: response.sizeBytes });
          break;
        }
        const read = await readTailRange(response.body, response.start, tail);
        if (read.enough || suffix >= sizing.maxBytes) {
          if (read.enough) {
            result = {
              text: null,
              textTruncated: null,
              sizeBytes: response.sizeBytes,
              errors: null,
              lines: new Map(needs.lines.map((request) => [linesKey(request), (request.last ?? 0) === 0 ? [] : read.lines.slice(-(request.last ?? 0))])),
              capped: null,
            };
          }
          break;
        }
        suffix = Math.min(sizing.maxBytes, suffix * 8);
      }
    }
    if (!result) {
      // Not a tail-only plan, or n lines did not fit in sizing.maxBytes (giant multi-line messages): stream it.
      const response = await source.open();
      result = await readWholeLog(response.body, { needs, maxBytes: maxLogBytes, sizeBytes: response.sizeBytes });
    }
    const read = result;
    let steps: Map<number, LogLine[]> | undefined;
    return {
      ...read,
      stepLines: () => (steps ??= sliceStepLines(read.capped ?? [], job.steps)),
    };
  };

  return {
    load(job, needs) {
      const key = jobCacheKey(job);
      const entry = entries.get(key);
      if (entry && !entry.started) {
        mergeNeeds(entry.needs, needs);
        return entry.promise;
      }
      if (entry && covers(entry.needs, needs)) return entry.promise;
      // A second download only adds to what the first read: merge, so later needs are covered by it.
      const planned = mergeNeeds(entry ? mergeNeeds(emptyNeeds(), entry.needs) : emptyNeeds(), needs);
      const fresh: Entry = {
        needs: planned,
        started: false,
        promise: track(() =>
          new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
            fresh.started = true;
            return download(job, fresh.needs);
          }),
        ),
      };
      entries.set(key, fresh);
      return fresh.promise;
    },
  };
}

/** Bytes a read kept (string lengths: V8 holds one-byte text at a byte per character, other text at two). */
function keptBytes(data: LogReadResult): number {
  const linesBytes = (lines: readonly LogLine[] | null) => (lines ?? []).reduce((sum, line) => sum + line.content.length + 64, 0);
  let bytes = (data.text?.length ?? 0) + linesBytes(data.errors) + linesBytes(data.capped);
  for (const lines of data.lines.values()) bytes += linesBytes(lines);
  return bytes;
}
