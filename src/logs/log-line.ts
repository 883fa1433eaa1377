/**
 * One logical line of a GitHub Actions job log.
 *
 * Numbering: `number` is the 1-based index of the line's first PHYSICAL line in the file (the BOM does not
 * count, a CRLF or LF ends a physical line). A message that spans several physical lines (the first one
 * timestamped, the following ones not) becomes one LogLine: it takes the number of its first physical line,
 * and the next LogLine's number skips past the continuation lines. So numbers are stable, unique and
 * increasing, and a client can point back into the raw file with them; they are not consecutive.
 *
 * In a tail read (an HTTP Range that starts somewhere in the file) the count from the start of the file is
 * unknown: read-log.ts renumbers those lines from the end of the file instead (`fromEnd`: -1 = the last
 * physical line).
 */
export type LogLineKind =
  | 'OUTPUT'
  | 'GROUP'
  | 'ENDGROUP'
  | 'ERROR'
  | 'WARNING'
  | 'NOTICE'
  | 'DEBUG'
  | 'COMMAND'
  | 'SECTION';

export interface LogLine {
  /** 1-based index of the first physical line of this message in the file (see above). */
  number: number;
  /**
   * The timestamp exactly as written in the log, e.g. `2026-10-04T17:58:51.3907173Z` (100 ns, always Z).
   * `null` only for text that has no timestamped line above it (the start of a tail read).
   */
  timestamp: string | null;
  /**
   * The message without the timestamp and without the `##[kind]` marker; continuation lines joined with
   * '\n'. ANSI escapes are kept as they are (see stripAnsi in parse-log.ts).
   */
  content: string;
  kind: LogLineKind;
  /**
   * What stood before `content` on the message's first physical line, exactly as written: the timestamp, its
   * space and the marker (`##[group]`, `[command]`, `##[Error]`, …); '' when there is neither. With `eol`, it
   * lets a slice of the log be given back byte for byte (render-lines.ts) without keeping the text twice.
   */
  prefix: string;
  /** The line ending the log used for this message: '\n', '\r\n', or '' for a last line without one. */
  eol: LogLineEnding;
}

export type LogLineEnding = '\n' | '\r\n' | '';

/** Every kind, in the order of the GraphQL enum. */
export const LOG_LINE_KINDS: readonly LogLineKind[] = [
  'OUTPUT',
  'GROUP',
  'ENDGROUP',
  'ERROR',
  'WARNING',
  'NOTICE',
  'DEBUG',
  'COMMAND',
  'SECTION',
];
