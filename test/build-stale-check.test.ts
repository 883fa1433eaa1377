// scripts/build.mjs --if-stale (what `npm start` runs first): when dist/ is rebuilt, on a scratch tree.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript (it runs before anything is built), no type declarations
import { isStale, writeStamp } from '../scripts/build.mjs';

let root: string;
/** Writes `path` under the scratch tree, dated `secondsFromNow` (so that no test depends on the clock's resolution). */
function write(path: string, text: string, secondsFromNow = 0) {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
  const at = Date.now() / 1000 + secondsFromNow;
  utimesSync(join(root, path), at, at);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'build-stale-'));
  write('src/server.ts', 'export {};\n', -60);
  write('package-lock.json', '{"lockfileVersion":3}\n', -60);
  mkdirSync(join(root, 'dist'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the stale check before a start', () => {
  it('builds when there is no build yet, not after one', () => {
    expect(isStale(root)).toBe(true);
    writeStamp(root);
    expect(isStale(root)).toBe(false);
  });

  it('rebuilds after a source changes', () => {
    writeStamp(root);
    write('src/server.ts', 'export const changed = 1;\n', 60);
    expect(isStale(root)).toBe(true);
  });

  it('rebuilds for another package-lock.json, not for the same one rewritten (npm prune --omit=dev in an image)', () => {
    writeStamp(root);
    write('package-lock.json', '{"lockfileVersion":3}\n', 60);
    expect(isStale(root)).toBe(false);
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}\n', 60);
    expect(isStale(root)).toBe(true);
  });
});
