// Queued failures for resilience tests. Each injected fault matches requests by path and is used
// up after `times` matching requests; the first matching fault in injection order wins.

export type Fault =
  | { kind?: undefined; status: 500 | 502 | 503 | 504 }
  /** Destroys the socket without answering. */
  | { kind: 'reset' }
  /** Answers normally after a delay. */
  | { kind: 'delay'; ms: number }
  /**
   * (API) Calls `onHold` when the request arrives, then answers normally once `release` settles: the test,
   * not a timer, decides how long the request stays in flight (e.g. across a SIGTERM to the gateway).
   */
  | { kind: 'hold'; onHold?: () => void; release: Promise<unknown> }
  /** 200 with a JSON body cut in the middle. */
  | { kind: 'malformedJson' }
  /** Announces the full Content-Length, sends half of the body, then closes the connection. */
  | { kind: 'truncatedBody' }
  /** GitHub's secondary rate limit: 403 or 429 with `retry-after`, while the primary limit has points left. */
  | { kind: 'secondaryLimit'; status?: 403 | 429; retryAfter?: number }
  /** A 403 that is not a rate limit: an organization's SAML SSO or IP allow list refusing the token. */
  | { kind: 'forbidden' }
  /** (API) A 302 to `location` instead of the real answer: a log redirect the gateway must refuse to follow. */
  | { kind: 'redirect'; location: string }
  /** (API) A 200 with this JSON body instead of the real answer: a hostile or compromised upstream. */
  | { kind: 'body'; body: unknown };

export interface FaultMatch {
  /** A string matches when the raw request path+query contains it; a RegExp is tested against it. */
  path?: RegExp | string;
  /** How many matching requests get the fault; 1 by default. */
  times?: number;
  /** The API host (default) or the log storage host. */
  target?: 'api' | 'storage';
}

interface Entry {
  path: RegExp | string | undefined;
  remaining: number;
  target: 'api' | 'storage';
  fault: Fault;
}

export class FaultInjector {
  #entries: Entry[] = [];

  add(match: FaultMatch, fault: Fault): void {
    this.#entries.push({ path: match.path, remaining: match.times ?? 1, target: match.target ?? 'api', fault });
  }

  /** The fault for this request, if any, consuming one use of it. */
  take(target: 'api' | 'storage', url: string): Fault | undefined {
    const entry = this.#entries.find((candidate) => candidate.target === target && matches(candidate.path, url));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries = this.#entries.filter((candidate) => candidate !== entry);
    return entry.fault;
  }

  clear(): void {
    this.#entries = [];
  }

  get pending(): number {
    return this.#entries.length;
  }
}

function matches(path: RegExp | string | undefined, url: string): boolean {
  if (path === undefined) return true;
  if (typeof path === 'string') return url.includes(path);
  path.lastIndex = 0;
  return path.test(url);
}
