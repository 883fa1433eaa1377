import type { LogLine } from './log-line.ts';

/**
 * Keeps the last `n` LogLines of a stream: a fixed ring of `n` slots, so memory is O(n) however long the
 * log is, and older lines become garbage as soon as they are overwritten.
 */
export class TailBuffer {
  readonly capacity: number;
  #slots: Array<LogLine | undefined>;
  #next = 0;
  #seen = 0;

  constructor(n: number) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`TailBuffer size must be a non-negative integer, got ${n}`);
    this.capacity = n;
    this.#slots = new Array<LogLine | undefined>(n);
  }

  push(lines: readonly LogLine[]): void {
    this.#seen += lines.length;
    if (this.capacity === 0) return;
    // Only the last `capacity` lines of a big batch can survive; skip the rest.
    const from = Math.max(0, lines.length - this.capacity);
    for (let i = from; i < lines.length; i++) {
      this.#slots[this.#next] = lines[i];
      this.#next = (this.#next + 1) % this.capacity;
    }
  }

  /** How many lines are held (at most `capacity`). */
  get size(): number {
    return Math.min(this.#seen, this.capacity);
  }

  /** How many lines went through the buffer in total. */
  get seen(): number {
    return this.#seen;
  }

  /** The held lines, oldest first. */
  toArray(): LogLine[] {
    const size = this.size;
    const out: LogLine[] = [];
    const start = size < this.capacity ? 0 : this.#next;
    for (let i = 0; i < size; i++) {
      const line = this.#slots[(start + i) % this.capacity];
      if (line) out.push(line);
    }
    return out;
  }
}
