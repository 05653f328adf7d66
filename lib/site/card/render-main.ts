import { parentPort } from "node:worker_threads";
import { renderCardHtml } from "./render-html";

// Renders one card per message, in order; the host terminates the thread when a render runs past its time limit.
parentPort!.on("message", (source: string) => {
  try {
    parentPort!.postMessage({ ok: true, html: renderCardHtml(source) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, reason: `this card could not be rendered (${(err as Error).message}) and is shown as plain text` });
  }
});
