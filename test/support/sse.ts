import { Agent, request } from 'undici';

/** One Server-Sent Event of GraphQL over SSE (Yoga's "distinct connections" mode): `next` or `complete`. */
export interface SseEvent {
  event: string;
  data: any;
}

export interface SseSubscription {
  /** The next event; undefined when the stream ended. */
  next(): Promise<SseEvent | undefined>;
  /** Every remaining event until the stream ends. */
  rest(): Promise<SseEvent[]>;
  close(): Promise<void>;
}

/**
 * Subscribes over a real socket: POST with `Accept: text/event-stream`, the body read as it arrives
 * and cut into events at blank lines (the SSE wire format, https://html.spec.whatwg.org/#server-sent-events).
 */
export async function subscribe(url: string, query: string, { token, variables }: { token?: string; variables?: Record<string, unknown> } = {}): Promise<SseSubscription> {
  const dispatcher = new Agent();
  const controller = new AbortController();
  const response = await request(url, {
    method: 'POST',
    dispatcher,
    signal: controller.signal,
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  if (!String(response.headers['content-type']).startsWith('text/event-stream')) {
    throw new Error(`not an event stream: ${response.statusCode} ${await response.body.text()}`);
  }
  const chunks = response.body[Symbol.asyncIterator]();
  let buffer = '';
  let ended = false;

  const next = async (): Promise<SseEvent | undefined> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        // Comment lines (": ping" keep-alives) carry nothing.
        if (data.length === 0 && event === 'message') continue;
        const text = data.join('\n');
        return { event, data: text ? JSON.parse(text) : undefined };
      }
      if (ended) return undefined;
      const chunk = await chunks.next().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) ended = true;
      else buffer += Buffer.from(chunk.value as Uint8Array).toString('utf8');
    }
  };

  return {
    next,
    async rest() {
      const events: SseEvent[] = [];
      for (let event = await next(); event; event = await next()) events.push(event);
      return events;
    },
    async close() {
      controller.abort();
      await dispatcher.destroy().catch(() => undefined);
    },
  };
}
