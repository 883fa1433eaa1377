import type { LogLine } from './log-line.ts';

/**
 * LogLines back to log text, the way the runner wrote them: `timestamp ##[kind]content`, continuation lines
 * below their message, LF line endings. Used for a step's `text` (a slice of the job's log).
 * `[command]` lines from @actions/exec come back as `##[command]`.
 */
export function renderLines(lines: readonly LogLine[]): string {
  let out = '';
  for (const line of lines) {
    const marker = line.kind === 'OUTPUT' ? '' : `##[${line.kind.toLowerCase()}]`;
    out += `${line.timestamp === null ? '' : `${line.timestamp} `}${marker}${line.content}\n`;
  }
  return out;
}
