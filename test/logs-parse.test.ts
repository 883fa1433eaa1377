import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../src/logs/log-line.ts';
import { LogLineParser, decodeUtf8Chunks, parseLog, parseLogStream, stripAnsi } from '../src/logs/parse-log.ts';

const BOM = '\ufeff';
const ESC = '\u001b';

/** Feeds `text` to a fresh parser in the given pieces and returns every line. */
function parseInPieces(pieces: string[], options?: ConstructorParameters<typeof LogLineParser>[0]): LogLine[] {
  const parser = new LogLineParser(options);
  const out: LogLine[] = [];
  for (const piece of pieces) out.push(...parser.push(piece));
  out.push(...parser.end());
  return out;
}

/** Every way to cut `text` in two. */
function* everySplit(text: string): Generator<[string, string]> {
  for (let i = 0; i <= text.length; i++) yield [text.slice(0, i), text.slice(i)];
}

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of source) out.push(...batch);
  return out;
}

async function collectText(source: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of source) text += piece;
  return text;
}

describe('parseLog', () => {
  it('drops the BOM at the start of the log', () => {
    const [line] = parseLog(`${BOM}2026-10-04T17:58:51.3907173Z Current runner version: '2.328.0'\n`);
    expect(line).toEqual({
      number: 1,
      timestamp: '2026-10-04T17:58:51.3907173Z',
      content: "Current runner version: '2.328.0'",
      kind: 'OUTPUT',
      prefix: '2026-10-04T17:58:51.3907173Z ',
      eol: '\n',
    });
  });

  it('keeps the 7-digit timestamp exactly as written and removes it with its space from the content', () => {
    const lines = parseLog('2026-10-04T17:58:51.3907173Z hello\n2026-10-04T17:58:52.0000000Z  two spaces\n');
    expect(lines.map((l) => [l.timestamp, l.content])).toEqual([
      ['2026-10-04T17:58:51.3907173Z', 'hello'],
      ['2026-10-04T17:58:52.0000000Z', ' two spaces'],
    ]);
  });

  it('reads a timestamp with nothing after it as an empty line', () => {
    expect(parseLog('2026-10-04T17:58:51.3907173Z\n2026-10-04T17:58:51.3907174Z \n')).toMatchObject([
      { number: 1, content: '' },
      { number: 2, content: '' },
    ]);
  });

  it('joins a continuation line without a timestamp to the line above', () => {
    const lines = parseLog(
      [
        '2026-10-04T17:58:58.0100000Z ##[group]Run echo one',
        'echo two',
        'echo three',
        '2026-10-04T17:58:58.0100100Z shell: /usr/bin/bash -e {0}',
      ].join('\n'),
    );
    expect(lines).toMatchObject([
      { number: 1, timestamp: '2026-10-04T17:58:58.0100000Z', content: 'Run echo one\necho two\necho three', kind: 'GROUP' },
      { number: 4, timestamp: '2026-10-04T17:58:58.0100100Z', content: 'shell: /usr/bin/bash -e {0}', kind: 'OUTPUT' },
    ]);
  });

  it('numbers physical lines, so the line after a continuation skips past it', () => {
    const lines = parseLog(
      [
        '2026-10-04T17:59:02.0000200Z ##[error]AssertionError: expected 500 to be 200',
        ' ❯ test/app.test.ts:12:5',
        '',
        '2026-10-04T17:59:02.9000000Z ##[error]Process completed with exit code 1.',
        '2026-10-04T17:59:03.1000000Z Post job cleanup.',
      ].join('\n'),
    );
    expect(lines.map((l) => l.number)).toEqual([1, 4, 5]);
    expect(lines[0]?.content).toBe('AssertionError: expected 500 to be 200\n ❯ test/app.test.ts:12:5\n');
  });

  it('strips CRLF line endings but keeps a lone CR inside a line', () => {
    const lines = parseLog('2026-10-04T17:58:51.0000000Z a\r\ncontinued\r\n2026-10-04T17:58:51.0000001Z 50%\r100%\r\n');
    expect(lines.map((l) => l.content)).toEqual(['a\ncontinued', '50%\r100%']);
  });

  it('emits the last line even without a final line break', () => {
    expect(parseLog('2026-10-04T17:58:51.0000000Z a\n2026-10-04T17:58:51.0000001Z b')).toHaveLength(2);
  });

  it('returns nothing for an empty log or a lone BOM', () => {
    expect(parseLog('')).toEqual([]);
    expect(parseLog(BOM)).toEqual([]);
  });

  it('keeps text before the first timestamp as a line without a timestamp', () => {
    expect(parseLog('orphan\nmore\n2026-10-04T17:58:51.0000000Z a\n')).toMatchObject([
      { number: 1, timestamp: null, content: 'orphan\nmore', kind: 'OUTPUT' },
      { number: 3, timestamp: '2026-10-04T17:58:51.0000000Z', content: 'a', kind: 'OUTPUT' },
    ]);
  });

  it('does not take a timestamp-like text in the middle of a line for a new line', () => {
    const [line, ...rest] = parseLog('2026-10-04T17:58:51.0000000Z built at 2026-10-04T17:58:51.0000000Z ok\n');
    expect(rest).toEqual([]);
    expect(line?.content).toBe('built at 2026-10-04T17:58:51.0000000Z ok');
  });

  it.each([
    ['##[group]Run actions/checkout@v4', 'GROUP', 'Run actions/checkout@v4'],
    ['##[group]Operating System', 'GROUP', 'Operating System'],
    ['##[endgroup]', 'ENDGROUP', ''],
    ['##[error]Process completed with exit code 1.', 'ERROR', 'Process completed with exit code 1.'],
    ['##[warning]Node.js 16 actions are deprecated.', 'WARNING', 'Node.js 16 actions are deprecated.'],
    ['##[notice]Coverage 87%', 'NOTICE', 'Coverage 87%'],
    ['##[debug]Evaluating condition for step', 'DEBUG', 'Evaluating condition for step'],
    ['##[command]/usr/bin/git log -1 --format=%H', 'COMMAND', '/usr/bin/git log -1 --format=%H'],
    ['[command]/usr/bin/git version', 'COMMAND', '/usr/bin/git version'],
    ['##[section]Starting: Request a runner', 'SECTION', 'Starting: Request a runner'],
    ['plain output ##[error] later in the line', 'OUTPUT', 'plain output ##[error] later in the line'],
    ['##[unknown]something', 'OUTPUT', '##[unknown]something'],
  ])('reads the marker in %j as %s', (message, kind, content) => {
    expect(parseLog(`2026-10-04T17:58:51.3907173Z ${message}\n`)).toEqual([
      // The prefix keeps the marker exactly as written, so the line renders back to the same bytes.
      { number: 1, timestamp: '2026-10-04T17:58:51.3907173Z', content, kind, prefix: `2026-10-04T17:58:51.3907173Z ${message.slice(0, message.length - content.length)}`, eol: '\n' },
    ]);
  });

  it('keeps the marker kind for a multi-line error and joins its continuation lines', () => {
    const [line] = parseLog('2026-10-04T17:58:51.0000000Z ##[error]TypeError: x is undefined\n    at main (index.js:3:1)\n');
    expect(line).toMatchObject({ kind: 'ERROR', content: 'TypeError: x is undefined\n    at main (index.js:3:1)' });
  });

  it('keeps ANSI escapes in the content', () => {
    const [line] = parseLog(`2026-10-04T17:58:52.0100100Z ${ESC}[36;1mnpm ci${ESC}[0m\n`);
    expect(line?.content).toBe(`${ESC}[36;1mnpm ci${ESC}[0m`);
  });

  it('cuts a line longer than maxContentLength instead of holding it all', () => {
    const long = 'x'.repeat(10_000);
    const lines = parseInPieces(
      ['2026-10-04T17:58:51.0000000Z ', ...long.match(/.{1,7}/g)!, '\ncontinued\n2026-10-04T17:58:51.0000001Z next\n'],
      { maxContentLength: 100 },
    );
    expect(lines.map((l) => l.content)).toEqual(['x'.repeat(100), 'next']);
    expect(lines.map((l) => l.number)).toEqual([1, 3]);
  });
});

describe('LogLineParser', () => {
  const text = `${BOM}2026-10-04T17:58:58.0100000Z ##[group]Run echo one\r\necho two\r\n2026-10-04T17:58:58.0100100Z café ✓\r\n`;
  const expected = parseLog(text);

  it('gives the same lines however a chunk boundary cuts the text, including between CR and LF', () => {
    expect(expected.map((l) => l.content)).toEqual(['Run echo one\necho two', 'café ✓']);
    for (const [a, b] of everySplit(text)) expect(parseInPieces([a, b])).toEqual(expected);
  });

  it('gives the same lines when fed one character at a time', () => {
    expect(parseInPieces([...text])).toEqual(expected);
  });

  it('holds a line back until the next timestamped line shows that no continuation follows', () => {
    const parser = new LogLineParser();
    expect(parser.push('2026-10-04T17:58:58.0100000Z ##[group]Run echo one\n')).toEqual([]);
    expect(parser.push('echo two\n')).toEqual([]);
    expect(parser.push('2026-10-04T17:58:58.0100100Z shell: bash\n')).toMatchObject([
      { number: 1, timestamp: '2026-10-04T17:58:58.0100000Z', content: 'Run echo one\necho two', kind: 'GROUP' },
    ]);
    expect(parser.end()).toMatchObject([{ number: 3, timestamp: '2026-10-04T17:58:58.0100100Z', content: 'shell: bash', kind: 'OUTPUT' }]);
  });

  describe('a tail read that starts mid-line', () => {
    const tail = 'ository: octo-org/hello\n2026-10-04T17:58:49.2000000Z Syncing repository\n2026-10-04T17:58:49.2000100Z done\n';

    it('drops the partial first line and numbers from 1 by default', () => {
      expect(parseLog(tail, { startsMidLine: true })).toMatchObject([
        { number: 1, timestamp: '2026-10-04T17:58:49.2000000Z', content: 'Syncing repository', kind: 'OUTPUT' },
        { number: 2, timestamp: '2026-10-04T17:58:49.2000100Z', content: 'done', kind: 'OUTPUT' },
      ]);
    });

    it('numbers from firstNumber when the caller knows where the read starts', () => {
      expect(parseLog(tail, { startsMidLine: true, firstNumber: 1001 }).map((l) => l.number)).toEqual([1001, 1002]);
    });

    it('loses nothing when the range starts one byte early, on the line break', () => {
      const lines = parseLog(`\n${tail.slice(tail.indexOf('\n') + 1)}`, { startsMidLine: true });
      expect(lines.map((l) => l.content)).toEqual(['Syncing repository', 'done']);
    });

    it('keeps continuation lines whose timestamped line was cut off, without a timestamp', () => {
      const lines = parseLog('cut\necho two\necho three\n2026-10-04T17:58:58.0100100Z shell: bash\n', { startsMidLine: true });
      expect(lines).toMatchObject([
        { number: 1, timestamp: null, content: 'echo two\necho three', kind: 'OUTPUT' },
        { number: 3, timestamp: '2026-10-04T17:58:58.0100100Z', content: 'shell: bash', kind: 'OUTPUT' },
      ]);
    });

    it('returns nothing when the tail holds no complete line', () => {
      expect(parseLog('no line break here', { startsMidLine: true })).toEqual([]);
    });

    it('drops the partial line however the chunks cut it', () => {
      const expectedTail = parseLog(tail, { startsMidLine: true });
      for (const [a, b] of everySplit(tail)) expect(parseInPieces([a, b], { startsMidLine: true })).toEqual(expectedTail);
    });
  });
});

describe('stripAnsi', () => {
  it('removes colour codes and keeps the text', () => {
    expect(stripAnsi(`${ESC}[36;1mnpm ci${ESC}[0m`)).toBe('npm ci');
    expect(stripAnsi(`${ESC}[31mFAIL${ESC}[39m test/app.test.ts`)).toBe('FAIL test/app.test.ts');
  });

  it('removes cursor movement, erase-line, 8-bit CSI, OSC hyperlinks and charset escapes', () => {
    expect(stripAnsi(`a${ESC}[2K${ESC}[1Gb`)).toBe('ab');
    expect(stripAnsi('\u009b1mbold\u009b0m')).toBe('bold');
    expect(stripAnsi(`${ESC}]8;;https://github.com${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link');
    expect(stripAnsi(`${ESC}]0;title\u0007text`)).toBe('text');
    expect(stripAnsi(`${ESC}(Bplain`)).toBe('plain');
  });

  it('leaves text without escapes untouched, including brackets and non-ASCII', () => {
    const text = '[36;1m is not an escape without ESC; café ✓ 日本';
    expect(stripAnsi(text)).toBe(text);
  });
});

describe('decodeUtf8Chunks', () => {
  const encoder = new TextEncoder();

  async function* chunksOf(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
    let start = 0;
    for (const cut of [...cuts, bytes.length]) {
      yield bytes.subarray(start, cut);
      start = cut;
    }
  }

  it('decodes a multibyte character split across chunks whole, wherever the cut falls', async () => {
    const text = 'é ✓ 日本 🎉';
    const bytes = encoder.encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await collectText(decodeUtf8Chunks(chunksOf(bytes, [cut])))).toBe(text);
    }
  });

  it('decodes a 4-byte character delivered one byte per chunk', async () => {
    const bytes = encoder.encode('🎉');
    expect(await collectText(decodeUtf8Chunks(chunksOf(bytes, [1, 2, 3])))).toBe('🎉');
  });

  it('strips the BOM, even when its bytes arrive in separate chunks', async () => {
    const bytes = encoder.encode(`${BOM}2026-10-04T17:58:51.3907173Z a`);
    expect(await collectText(decodeUtf8Chunks(chunksOf(bytes, [1, 2])))).toBe('2026-10-04T17:58:51.3907173Z a');
  });

  it('turns bytes cut off at the start of a range into U+FFFD instead of failing', async () => {
    const bytes = encoder.encode('é\n');
    expect(await collectText(decodeUtf8Chunks(chunksOf(bytes.subarray(1), [])))).toBe('\ufffd\n');
  });
});

describe('parseLogStream', () => {
  const log = `${BOM}2026-10-04T17:58:58.0100000Z ##[group]Run echo one\r\necho two\r\n2026-10-04T17:58:58.0300000Z café ✓\r\n`;
  const bytes = new TextEncoder().encode(log);

  it('parses a Web ReadableStream of byte chunks (an undici/fetch body)', async () => {
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + 3));
        offset += 3;
      },
    });
    expect(await collect(parseLogStream(stream))).toEqual(parseLog(log));
  });

  it('parses a Node Readable of Buffers', async () => {
    const chunks = [Buffer.from(bytes.subarray(0, 5)), Buffer.from(bytes.subarray(5, 64)), Buffer.from(bytes.subarray(64))];
    expect(await collect(parseLogStream(Readable.from(chunks)))).toEqual(parseLog(log));
  });

  it('cancels the Web stream when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('2026-10-04T17:58:51.0000000Z again\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const batch of parseLogStream(stream)) {
      if (batch.length > 0) break;
    }
    expect(cancelled).toBe(true);
  });

  it('numbers a tail read relative to its start', async () => {
    const tail = new TextEncoder().encode('partial\n2026-10-04T17:58:58.0300000Z last\n');
    expect(await collect(parseLogStream(Readable.from([tail]), { startsMidLine: true, firstNumber: 7 }))).toMatchObject([
      { number: 7, timestamp: '2026-10-04T17:58:58.0300000Z', content: 'last', kind: 'OUTPUT' },
    ]);
  });
});
