import { pino, type DestinationStream, type Logger } from 'pino';
import type { YogaLogger } from 'graphql-yoga';
import { translate } from '../errors/translate.ts';

/**
 * pino, with secrets removed at every level by one pass over every serialized line before it is written:
 * the value of any field named authorization, token or cookie, at any depth; bearer tokens, GitHub token
 * formats and the signature parameters of signed storage URLs (Azure SAS: sig, se, sv, …) wherever they
 * hide (a message, an error's text, a URL) are replaced with [REDACTED]. The field rule is a pattern over
 * the JSON line, not pino's `redact` paths: those need wildcards to reach nested fields (`*.token`), which
 * cost ~7 µs a line (pino 10), a tenth of a `{ __typename }` request; the pattern covers every depth.
 */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/"(authorization|proxy-authorization|token|cookie|set-cookie)":"(?:[^"\\]|\\.)*"/gi, '"$1":"[REDACTED]"'],
  [/\b(Bearer|token)(\s+)[^\s",\\]+/gi, '$1$2[REDACTED]'],
  [/\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]+/g, '[REDACTED]'],
  [/([?&](?:sig|se|sv|sp|sr|st|spr|sip|skoid|sktid|skt|ske|sks|skv|rscd|rsct|signature|token|X-Amz-Signature|X-Amz-Credential)=)[^&\s"\\]+/gi, '$1[REDACTED]'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go: stdout unless given (tests capture them). */
  destination?: DestinationStream;
}

/**
 * stdout, written in batches: a line waits until 4 KiB have gathered or 100 ms have passed, so a busy
 * gateway hands the kernel one write per ~15 request lines, not one per line (each async write is a trip
 * through libuv's thread pool). What is buffered is flushed on a normal exit and by server.ts on SIGTERM;
 * a process killed outright loses at most those 100 ms of lines.
 */
const stdoutInBatches = () => pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 100 });

export function createLogger({ level = 'info', destination = stdoutInBatches() }: LoggerOptions = {}): Logger {
  const scrubbed: DestinationStream = { write: (line: string) => destination.write(redactSecrets(line)) };
  return pino(
    {
      name: 'actions-jobs-gateway',
      level,
      serializers: { err: pino.stdSerializers.err, cause: pino.stdSerializers.err },
    },
    scrubbed,
  );
}

/**
 * Yoga's logger, backed by pino. Yoga logs every error it masks with `error`; the ones errors.ts knows
 * (a code: NOT_FOUND, RATE_LIMITED, BAD_USER_INPUT …) are the caller's or GitHub's business and go to
 * debug; only unexpected ones are errors.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const write = (level: 'debug' | 'info' | 'warn' | 'error', args: unknown[]) => {
    const [first, ...rest] = args;
    if (first instanceof Error) {
      const original = (first as { originalError?: unknown }).originalError;
      logger[level]({ err: first, ...(original instanceof Error ? { cause: original } : {}), ...(rest.length ? { args: rest } : {}) }, first.message);
    }
    else logger[level]({ ...(rest.length ? { args: rest } : {}) }, String(first));
  };
  return {
    debug: (...args) => write('debug', args),
    info: (...args) => write('info', args),
    warn: (...args) => write('warn', args),
    error: (...args) => write(args.every(isKnownError) ? 'debug' : 'error', args),
  };
}

function isKnownError(value: unknown): boolean {
  if (!(value instanceof Error)) return false;
  const original = (value as { originalError?: unknown }).originalError;
  return translate(original instanceof Error ? original : value) !== undefined;
}
