import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * A subscription sends a result only when it differs from the last one it sent: every poll executes the
 * selection again, and most polls find nothing new (a 304). Comparing the executed results, not the
 * upstream bodies, means a change the selection does not show (another job's step, `updated_at` when
 * not selected) sends nothing, and consecutive payloads always differ.
 */
export function useLiveDedupe(): Plugin {
  return {
    onSubscribe: () => ({
      onSubscribeResult: ({ result, setResult }) => {
        if (isAsyncIterable(result)) setResult(withoutRepeats(result));
      },
    }),
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

async function* withoutRepeats(results: AsyncIterable<ExecutionResult>): AsyncGenerator<ExecutionResult> {
  let last: string | undefined;
  for await (const result of results) {
    const text = JSON.stringify({ data: result.data, errors: result.errors });
    if (text === last) continue;
    last = text;
    yield result;
  }
}
