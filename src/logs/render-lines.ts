import type { LogLine } from './log-line.ts';

/**
 * LogLines back to the log's text as written: each message's own prefix (timestamp, marker as the runner or
 * the action wrote it: `##[group]`, `[command]`, …), its content and continuation lines, its own line endings.
 * Used for a step's `text` (a slice of the job's log), which must read like the log itself.
 */
export function renderLines(lines: readonly LogLine[]): string {
  let out = '';
  for (const line of lines) {
    const content = line.eol === '\r\n' ? line.content.replaceAll('\n', '\r\n') : line.content;
    out += `${line.prefix}${content}${line.eol}`;
  }
  return out;
}
