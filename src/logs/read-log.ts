import { errorLines } from './error-lines.ts';
import type { LogLine } from './log-line.ts';
import { lineMatcher } from './error-lines.ts';
import { LogLineParser } from './parse-log.ts';
import { TailBuffer } from './tail-lines.ts';

/*
 * One pass over a log body that keeps only what a GraphQL request asked for, in bounded memory:
 * - `text`: the raw text up to `maxBytes` bytes (cut at a character boundary; BOM dropped);
 * - `errors`: the ##[error] lines of the whole stream (their contents up to `maxBytes` characters);
 * - `lines(first/last/contains)`: one collector per distinct argument set. `first` stops after n matches,
 *   `last` is a ring buffer over the whole stream, neither keeps matches up to `maxBytes` characters;
 * - `capped`: every line up to `maxBytes` characters (for per-step slicing).
 * When everything asked for is complete (text cut, first-n found, nothing needs the end), the read stops
 * and the caller's iterator closes the download.
 *
 * Line numbers (see log-line.ts): a line counts physical lines from the start of the file (1 = first), except
 * in the answer to `lines(last:)` without `first`, which counts from the END: -1 is the last physical line,
 * and a line numbered n from the start is numbered n - total - 1 there. That tail answer can then be served
 * from an HTTP Range of the last bytes alone, where the count from the start is unknown, and a query gets
 * the same numbers whether the storage host honoured the Range or not.
 */

export interface LinesRequest {
  first?: number | null;
  last?: number | null;
  contains?: string | null;
}

export interface LogNeeds {
  text: boolean;
  errors: boolean;
  /** Every line within the cap, for per-step logs. */
  capped: boolean;
  lines: LinesRequest[];
}

export interface LogReadResult {
  /** null when not read (a tail-only plan). */
  text: string | null;
  /** Whether the byte cap cut `text`; null when text was not read (judge by sizeBytes then). */
  textTruncated: boolean | null;
  sizeBytes: number | null;
  errors: LogLine[] | null;
  /** By linesKey(request). */
  lines: Map<string, LogLine[]>;
  capped: LogLine[] | null;
}

export const emptyNeeds = (): LogNeeds => ({ text: false, errors: false, capped: false, lines: [] });

export function linesKey({ first, last, contains }: LinesRequest): string {
  return JSON.stringify([first ?? null, last ?? null, contains == null || contains === '' ? null : contains]);
}

/** Adds `more` to `into`; returns `into`. */
export function mergeNeeds(into: LogNeeds, more: Partial<LogNeeds>): LogNeeds {
  into.text ||= more.text ?? false;
  into.errors ||= more.errors ?? false;
  into.capped ||= more.capped ?? false;
  const known = new Set(into.lines.map(linesKey));
  for (const request of more.lines ?? []) if (!known.has(linesKey(request))) into.lines.push(request);
  return into;
}

/** Whether what `plan` reads answers everything in `needs`. */
export function covers(plan: LogNeeds, needs: Partial<LogNeeds>): boolean {
  if ((needs.text && !plan.text) || (needs.errors && !plan.errors) || (needs.capped && !plan.capped)) return false;
  const known = new Set(plan.lines.map(linesKey));
  return (needs.lines ?? []).every((request) => known.has(linesKey(request)));
}

/** The largest `last` when nothing but `lines(last: n)` (no first, no contains) is asked; else null. */
export function tailOnly(needs: LogNeeds): number | null {
  if (needs.text || needs.errors || needs.capped) return null;
  let most = 0;
  for (const { first, last, contains } of needs.lines) {
    if (first != null || last == null || (contains != null && contains !== '')) return null;
    most = Math.max(most, last);
  }
  return most;
}

interface Collector {
  key: string;
  done: boolean;
  push(line: LogLine): void;
  result(physicalLines: number): LogLine[];
}

function collectorFor(request: LinesRequest, budget: number): Collector {
  const key = linesKey(request);
  const matches = lineMatcher({ contains: request.contains });
  const { first, last } = request;
  if (first == null && last != null) {
    // Over the whole stream; numbered from the end once the total is known.
    const tail = new TailBuffer(last);
    return {
      key,
      done: false,
      push: (line) => {
        if (matches(line)) tail.push([line]);
      },
      result: (physicalLines) => tail.toArray().map((line) => fromEnd(line, physicalLines)),
    };
  }
  const out: LogLine[] = [];
  let used = 0;
  const collector: Collector = {
    key,
    done: first === 0,
    push: (line) => {
      if (collector.done || !matches(line)) return;
      used += line.content.length;
      if (used > budget) {
        collector.done = true;
        return;
      }
      out.push(line);
      if (first != null && out.length >= first) collector.done = true;
    },
    // `first` and `last` together: the last n of the first m (Relay's order).
    result: () => (first != null && last != null ? (last === 0 ? [] : out.slice(-last)) : out),
  };
  return collector;
}

export function fromEnd(line: LogLine, physicalLines: number): LogLine {
  return { ...line, number: line.number - physicalLines - 1 };
}

/** Counts physical lines as the parser does: every '\n', plus a last line without one. */
class PhysicalLineCounter {
  count = 0;
  #open = false;
  push(text: string): void {
    let at = text.indexOf('\n');
    let last = -1;
    while (at !== -1) {
      this.count++;
      last = at;
      at = text.indexOf('\n', at + 1);
    }
    if (text.length > 0) this.#open = last !== text.length - 1;
  }
  get total(): number {
    return this.count + (this.#open ? 1 : 0);
  }
}

export interface ReadOptions {
  needs: LogNeeds;
  maxBytes: number;
  sizeBytes: number | null;
}

/** Reads a whole log body (a 200) once, keeping what `needs` asks for. */
export async function readWholeLog(body: AsyncIterable<Uint8Array>, { needs, maxBytes, sizeBytes }: ReadOptions): Promise<LogReadResult> {
  const textDecoder = needs.text ? new TextDecoder('utf-8') : null;
  const textParts: string[] = [];
  let textBytes = 0;
  let textDone = !needs.text;
  let textTruncated = false;

  const collectors = needs.lines.map((request) => collectorFor(request, maxBytes));
  const capped = needs.capped ? collectorFor({}, maxBytes) : null;
  const errors = needs.errors ? collectorFor({}, maxBytes) : null;
  const all = [...collectors, ...(capped ? [capped] : [])];
  const parsing = all.length > 0 || errors !== null;
  const lineDecoder = parsing ? new TextDecoder('utf-8') : null;
  const parser = parsing ? new LogLineParser() : null;
  const counter = new PhysicalLineCounter();

  const feed = (lines: readonly LogLine[]): void => {
    for (const line of lines) {
      for (const collector of all) collector.push(line);
      if (errors && line.kind === 'ERROR') errors.push(line);
    }
  };
  // Errors and tails need the end of the log; everything else can stop early.
  const complete = (): boolean => textDone && !errors && all.every((collector) => collector.done);

  if (!complete()) {
    for await (const chunk of body) {
      if (textDecoder && !textDone) {
        const room = maxBytes - textBytes;
        if (chunk.length <= room) {
          textParts.push(textDecoder.decode(chunk, { stream: true }));
          textBytes += chunk.length;
        } else {
          // Cut at the cap; an incomplete character at the cut stays in the decoder and is dropped.
          textParts.push(textDecoder.decode(chunk.subarray(0, room), { stream: true }));
          textBytes = maxBytes;
          textDone = true;
          textTruncated = true;
        }
      }
      if (parser && lineDecoder) {
        const text = lineDecoder.decode(chunk, { stream: true });
        counter.push(text);
        feed(parser.push(text));
      }
      if (complete()) break;
    }
  }
  if (textDecoder && !textTruncated) textParts.push(textDecoder.decode());
  if (parser && lineDecoder) {
    const rest = lineDecoder.decode();
    counter.push(rest);
    feed(parser.push(rest));
    feed(parser.end());
  }
  const total = counter.total;
  return {
    text: needs.text ? textParts.join('') : null,
    textTruncated: needs.text ? textTruncated : null,
    sizeBytes,
    errors: errors ? errorLines(errors.result(total)) : null,
    lines: new Map(collectors.map((collector) => [collector.key, collector.result(total)])),
    capped: capped ? capped.result(total) : null,
  };
}

export interface TailRead {
  /** The last `n` complete messages of the range, numbered from the end of the file (-1 = last physical line). */
  lines: LogLine[];
  /** Whether those are the log's true last `n`: the range held n complete messages, or the whole file. */
  enough: boolean;
}

/**
 * Parses a ranged read of the log's last bytes (`start` = its first byte in the file), keeping the last `n`
 * messages in a ring. The first physical line is dropped (it starts mid-line, or mid-character); a leading
 * message without a timestamp is the end of a message cut by the range and does not count either.
 */
export async function readTailRange(body: AsyncIterable<Uint8Array>, start: number, n: number): Promise<TailRead> {
  const startsMidLine = start > 0;
  const decoder = new TextDecoder('utf-8');
  const parser = new LogLineParser({ startsMidLine });
  const counter = new PhysicalLineCounter();
  const ring = new TailBuffer(n + 1);
  let first: LogLine | undefined;
  const keep = (lines: LogLine[]): void => {
    first ??= lines[0];
    ring.push(lines);
  };
  for await (const chunk of body) {
    const text = decoder.decode(chunk, { stream: true });
    counter.push(text);
    keep(parser.push(text));
  }
  const rest = decoder.decode();
  counter.push(rest);
  keep(parser.push(rest));
  keep(parser.end());
  // The parser numbered from 1 after the dropped partial line, so the count skips that line too.
  const physical = counter.total - (startsMidLine && counter.count > 0 ? 1 : 0);
  const cut = startsMidLine && first !== undefined && first.timestamp === null;
  let held = ring.toArray();
  if (cut && held[0] === first) held = held.slice(1);
  const complete = ring.seen - (cut ? 1 : 0);
  return {
    lines: (n === 0 ? [] : held.slice(-n)).map((line) => fromEnd(line, physical)),
    enough: !startsMidLine || complete >= n,
  };
}
