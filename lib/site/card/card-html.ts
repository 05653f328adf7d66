import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";

export type CardHtml = { ok: true; html: string } | { ok: false; reason: string };

/**
 * Markdown parsing is superlinear on hostile input (measured: 64 KB of "[" took 6 s, 256 KB 6 minutes, all on the
 * thread that renders the page). Cards are therefore rendered in a worker thread with a time limit, at most
 * RENDERS_AT_ONCE at a time, and the result is kept per card text (cards are immutable per commit).
 */
export const RENDER_TIME_LIMIT_MS = 3000;
const RENDERS_AT_ONCE = 2;

const CACHED_CARDS = 500;
/** Insertion-ordered: the oldest entry goes first when full. */
const cache = new Map<string, CardHtml>();
const pending = new Map<string, Promise<CardHtml>>();
let running = 0;
const waiting: (() => void)[] = [];

function entry(): string {
  const candidates = [path.join(process.cwd(), "lib", "site", "card", "render.mjs")];
  try {
    candidates.unshift(path.join(import.meta.dirname, "render.mjs"));
  } catch {
    // Bundled server code has no file location; the cwd path above covers `next start` from the repo.
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`card renderer not found (${candidates.join(", ")})`);
  return found;
}

/** Idle render threads, kept so that a render does not pay for starting a thread and loading the parser. */
const idle: Worker[] = [];

async function slot(): Promise<() => void> {
  if (running >= RENDERS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function renderInThread(source: string, timeLimitMs: number): Promise<CardHtml> {
  const worker = idle.pop() ?? new Worker(entry(), { resourceLimits: { maxOldGenerationSizeMb: 512 } });
  worker.unref();
  return new Promise((resolve) => {
    const done = (result: CardHtml, keep: boolean) => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      if (keep && idle.length < RENDERS_AT_ONCE) idle.push(worker);
      else void worker.terminate();
      resolve(result);
    };
    const onMessage = (result: CardHtml) => done(result, true);
    const onError = (err: Error) => done({ ok: false, reason: `this card could not be rendered (${err.message}) and is shown as plain text` }, false);
    const timer = setTimeout(() => done({ ok: false, reason: `this card took longer than ${timeLimitMs / 1000} s to render and is shown as plain text` }, false), timeLimitMs);
    worker.on("message", onMessage);
    worker.once("error", onError);
    worker.postMessage(source);
  });
}

/** The card as sanitized HTML, or why it is shown as plain text instead. */
export async function cardHtml(source: string, timeLimitMs = RENDER_TIME_LIMIT_MS): Promise<CardHtml> {
  const key = createHash("sha256").update(source).digest("hex");
  const hit = cache.get(key) ?? pending.get(key);
  if (hit) return hit;
  const job = (async () => {
    const release = await slot();
    try {
      const result = await renderInThread(source, timeLimitMs);
      cache.set(key, result);
      if (cache.size > CACHED_CARDS) cache.delete(cache.keys().next().value!);
      return result;
    } finally {
      release();
      pending.delete(key);
    }
  })();
  pending.set(key, job);
  return job;
}
