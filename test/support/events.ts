/**
 * Test support for live events: incoming events of a given shape, an SSE reader over fetch that
 * collects envelopes until told to stop, and a wait for a condition (no timed assertion: it fails
 * only when the condition never becomes true).
 */
import type { IncomingEvent } from '../../src/platforms/event-types.ts';

export function chat(n: number, prefix = 'm'): IncomingEvent {
  return { type: 'chat.message', sourceId: `${prefix}${n}`, occurredAt: 1_700_000_000_000 + n, actor: { id: `u${n}`, username: `user${n}`, display_name: null }, data: { message_id: `${prefix}${n}`, text: `hello ${n}`, reply_to: null, roles: [] } };
}

export function tip(n: number): IncomingEvent {
  return { type: 'tip', sourceId: `tip${n}`, occurredAt: 1_700_000_000_000 + n, actor: { id: null, username: `fan${n}`, display_name: null }, data: { amount: 5, currency: 'USD', message: null } };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, tries = 400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

export interface SseFrame {
  id: string | undefined;
  event: string | undefined;
  data: Record<string, unknown>;
}

/** Opens GET url as SSE and collects frames; `close()` drops the connection. */
export async function openSse(url: string, headers: Record<string, string>): Promise<{ status: number; frames: SseFrame[]; body: string; close(): void; ended: Promise<void> }> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const frames: SseFrame[] = [];
  const out = { status: res.status, frames, body: '', close: () => controller.abort(), ended: Promise.resolve() };
  if (res.status !== 200 || !res.body) {
    out.body = await res.text();
    return out;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  out.ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, at);
          buf = buf.slice(at + 2);
          const f: Partial<SseFrame> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) f.id = line.slice(4);
            else if (line.startsWith('event: ')) f.event = line.slice(7);
            else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6));
          }
          if (f.data) frames.push(f as SseFrame);
        }
      }
    } catch {
      // aborted
    }
  })();
  return out;
}
