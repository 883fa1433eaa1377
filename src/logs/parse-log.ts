import type { LogLine, LogLineEnding, LogLineKind } from './log-line.ts';

/*
 * GitHub Actions job logs, as the blob host serves them: UTF-8 with a BOM, one message per line,
 *
 *   2026-10-04T17:58:51.3907173Z ##[group]Run echo one
 *   echo two                                  <- continuation: no timestamp, belongs to the line above
 *   2026-10-04T17:58:51.3912345Z ##[endgroup]
 *
 * CRLF may occur. The parser works on text chunks that may split a line anywhere (even between \r and \n)
 * and holds at most one unfinished physical line plus one unfinished message, so memory does not grow with
 * the size of the log.
 */

/** `2026-10-04T17:58:51.3907173Z` then one space. GitHub writes 7 fractional digits; accept 0..9. */
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z)(?: |$)/;

/** Markers the runner writes right after the timestamp. */
const MARKER = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\]/i;

/**
 * `@actions/exec` (used by actions/checkout, setup-node, …) echoes the commands it runs as `[command]/usr/bin/git
 * version`, without the `##`; GitHub's log viewer shows those like `##[command]`, so their kind is COMMAND too
 * (the line's `prefix` keeps the marker as written).
 */
const BARE_COMMAND = '[command]';

const BOM = 0xfeff;

/** Content longer than this is cut, so one pathological line cannot exhaust memory. */
const DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024;

export interface LogLineParserOptions {
  /**
   * The text starts somewhere inside a physical line (an HTTP Range read of the log's tail): drop everything
   * up to and including the first line break. When the range happens to start exactly at a line start, that
   * first line is dropped too; ask for one byte more (start the range one byte earlier) to lose nothing.
   * A tail may also start with continuation lines whose timestamped line is cut off: they are kept as one
   * LogLine with `timestamp: null` and kind OUTPUT.
   */
  startsMidLine?: boolean;
  /**
   * The number of the first physical line this parser sees (after the dropped partial line of a tail
   * read). Defaults to 1, which is right for a whole log. In a tail read the distance from the start of the
   * file is unknown, so numbers are relative to the start of the read unless the caller knows better.
   */
  firstNumber?: number;
  /** Characters kept per LogLine's content; the rest is dropped. Defaults to 1 Mi characters. */
  maxContentLength?: number;
}

/** Streaming parser: push text chunks in order, then call end() once. */
export class LogLineParser {
  #partial = '';
  #pending: LogLine | null = null;
  #nextNumber: number;
  #dropFirstLine: boolean;
  #atStart = true;
  readonly #maxContentLength: number;

  constructor(options: LogLineParserOptions = {}) {
    const { startsMidLine = false, firstNumber = 1, maxContentLength = DEFAULT_MAX_CONTENT_LENGTH } = options;
    this.#dropFirstLine = startsMidLine;
    this.#nextNumber = firstNumber;
    this.#maxContentLength = maxContentLength;
  }

  /** Feeds a chunk; returns the LogLines that are now complete (possibly none). */
  push(chunk: string): LogLine[] {
    const out: LogLine[] = [];
    if (chunk.length === 0) return out;
    if (this.#atStart) {
      this.#atStart = false;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', start);
      if (newline === -1) {
        this.#appendPartial(chunk, start, chunk.length);
        return out;
      }
      this.#appendPartial(chunk, start, newline);
      const physical = this.#partial;
      this.#partial = '';
      this.#physicalLine(physical, true, out);
      start = newline + 1;
    }
  }

  /** Flushes the last line (a log need not end with a line break). */
  end(): LogLine[] {
    const out: LogLine[] = [];
    if (this.#partial.length > 0) {
      const physical = this.#partial;
      this.#partial = '';
      // A tail read without any line break is all partial line: nothing complete to show.
      if (!this.#dropFirstLine) this.#physicalLine(physical, false, out);
    }
    if (this.#pending) out.push(this.#pending);
    this.#pending = null;
    return out;
  }

  #appendPartial(chunk: string, from: number, to: number): void {
    // Room for the timestamp and marker on top of the content limit.
    const room = this.#maxContentLength + 64 - this.#partial.length;
    if (room <= 0 || from >= to) return;
    this.#partial += chunk.slice(from, Math.min(to, from + room));
  }

  /** `terminated`: the line ended with a line break (false only for a last line without one). */
  #physicalLine(raw: string, terminated: boolean, out: LogLine[]): void {
    if (this.#dropFirstLine) {
      this.#dropFirstLine = false;
      return;
    }
    const number = this.#nextNumber++;
    const crlf = raw.endsWith('\r');
    const text = crlf ? raw.slice(0, -1) : raw;
    const eol: LogLineEnding = !terminated ? '' : crlf ? '\r\n' : '\n';
    const stamped = TIMESTAMP.exec(text);
    if (stamped) {
      if (this.#pending) out.push(this.#pending);
      const timestamp = stamped[1] as string;
      const { kind, markerLength } = splitMarker(text.slice(stamped[0].length));
      const contentStart = stamped[0].length + markerLength;
      this.#pending = { number, timestamp, content: this.#cut(text.slice(contentStart)), kind, prefix: text.slice(0, contentStart), eol };
    } else if (this.#pending) {
      const pending = this.#pending;
      if (pending.content.length < this.#maxContentLength) pending.content = this.#cut(`${pending.content}\n${text}`);
      pending.eol = eol;
    } else {
      this.#pending = { number, timestamp: null, content: this.#cut(text), kind: 'OUTPUT', prefix: '', eol };
    }
  }

  #cut(content: string): string {
    return content.length > this.#maxContentLength ? content.slice(0, this.#maxContentLength) : content;
  }
}

/** The message's kind and the length of the marker that says so (0 for plain output). */
function splitMarker(message: string): { kind: LogLineKind; markerLength: number } {
  const marker = MARKER.exec(message);
  if (marker) return { kind: (marker[1] as string).toUpperCase() as LogLineKind, markerLength: marker[0].length };
  if (message.startsWith(BARE_COMMAND)) return { kind: 'COMMAND', markerLength: BARE_COMMAND.length };
  return { kind: 'OUTPUT', markerLength: 0 };
}

/** Parses a whole log held in memory. */
export function parseLog(text: string, options?: LogLineParserOptions): LogLine[] {
  const parser = new LogLineParser(options);
  const lines = parser.push(text);
  for (const line of parser.end()) lines.push(line);
  return lines;
}

/*
 * ANSI escape sequences: CSI (ESC [ … final byte, or the 8-bit CSI U+009B), OSC (ESC ] … BEL or ESC \),
 * character-set designations (ESC ( B) and the remaining two-character escapes.
 */
const ANSI =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[()#][0-9A-Za-z]|\u001b[@-_]/g;

/** Removes ANSI colour and cursor escapes, e.g. for a GraphQL `ansi: false` argument. */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') || text.includes('\u009b') ? text.replace(ANSI, '') : text;
}

/** A response body: a Web ReadableStream (fetch, undici) or any async iterable of bytes (Node streams). */
export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * Decodes a byte stream as UTF-8 in streaming mode, so a multibyte character split between two chunks comes
 * out whole. A leading BOM is dropped. Invalid bytes (e.g. a Range that starts inside a character) become
 * U+FFFD instead of failing the read.
 */
export async function* decodeUtf8Chunks(source: ByteSource): AsyncGenerator<string, void, undefined> {
  // ignoreBOM: false (the default) means: consume a BOM at the start of the stream instead of returning it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  for await (const bytes of iterateBytes(source)) {
    const text = decoder.decode(bytes, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/** Bytes in, LogLines out, a batch per chunk; memory stays bounded by the chunk size and the longest line. */
export async function* parseLogStream(
  source: ByteSource,
  options?: LogLineParserOptions,
): AsyncGenerator<LogLine[], void, undefined> {
  const parser = new LogLineParser(options);
  for await (const text of decodeUtf8Chunks(source)) {
    const lines = parser.push(text);
    if (lines.length > 0) yield lines;
  }
  const rest = parser.end();
  if (rest.length > 0) yield rest;
}

async function* iterateBytes(source: ByteSource): AsyncGenerator<Uint8Array, void, undefined> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // The consumer stopped early (e.g. `first: 10` is satisfied): stop the download too.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
