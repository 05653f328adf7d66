import type { RegistryContext } from "./context";
import { RegistryError } from "./errors";

/**
 * When stored bytes may be deleted. Blobs are shared by content (sha256) across repos, so deleting a repo and
 * committing the same bytes elsewhere race: the commit must not skip an upload of bytes that are about to go.
 *
 * - A commit **pins** every blob it uploads before it looks at the store (a counter on the Blob row, raised only
 *   while the row is `live`), stores what is missing, makes its commit visible, then unpins.
 * - The **sweep** deletes a blob only if it can move the row from `live` with no pins to `deleting` (one conditional
 *   write), and no commit file references it when checked *after* that write: every commit that pinned it has by
 *   then either made its files visible or failed. Only then are the bytes removed, and the row after them.
 * - A commit that finds the row `deleting` waits until the row is gone and uploads the bytes again.
 *
 * A crash can leave a pin or a `deleting` row behind: a pin only keeps bytes longer than needed, and a `deleting`
 * row older than DELETING_STALE_MS is finished by the next commit or sweep that meets it.
 */

const DELETING_STALE_MS = 60_000;
const PIN_WAIT_MS = 20;
const PIN_TRIES = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pins a blob (creating its row), waiting out a sweep that is deleting it. Call unpinBlobs in a finally. */
export async function pinBlob(ctx: RegistryContext, sha256: string, size: number): Promise<void> {
  for (let i = 0; i < PIN_TRIES; i++) {
    const { count } = await ctx.db.blob.updateMany({ where: { sha256, state: "live" }, data: { pins: { increment: 1 } } });
    if (count === 1) return;
    try {
      await ctx.db.blob.create({ data: { sha256, size, pins: 1 } });
      return;
    } catch {
      // The row exists (created concurrently, or being deleted): look again.
    }
    await finishStaleDeletion(ctx, sha256);
    await sleep(PIN_WAIT_MS);
  }
  throw new RegistryError("Conflict", `the stored file ${sha256.slice(0, 12)} is being deleted and recreated; retry the commit`);
}

export async function unpinBlobs(ctx: RegistryContext, shas: string[]): Promise<void> {
  for (const sha256 of shas) await ctx.db.blob.updateMany({ where: { sha256, pins: { gt: 0 } }, data: { pins: { decrement: 1 } } });
}

let sweeping: Promise<void> = Promise.resolve();

/** Deletes the blobs among `shas` that no commit references or pins (serialized within the process). */
export function sweepBlobs(ctx: RegistryContext, shas: string[]): Promise<void> {
  const run = sweeping.then(async () => {
    for (const sha of new Set(shas)) await sweepOne(ctx, sha);
  });
  sweeping = run.catch(() => undefined);
  return run;
}

async function sweepOne(ctx: RegistryContext, sha256: string): Promise<void> {
  const { count } = await ctx.db.blob.updateMany({ where: { sha256, state: "live", pins: 0, files: { none: {} } }, data: { state: "deleting", stateAt: new Date() } });
  if (count === 0) return;
  // Checked again after the state change: a commit that pinned before it has made its files visible by now.
  if ((await ctx.db.commitFile.count({ where: { blobSha256: sha256 } })) > 0) {
    await ctx.db.blob.updateMany({ where: { sha256, state: "deleting" }, data: { state: "live", stateAt: null } });
    return;
  }
  await ctx.blobs.delete(sha256);
  await ctx.db.blob.deleteMany({ where: { sha256, state: "deleting" } });
}

/** A `deleting` row left by a crashed sweep: its bytes are removed (again) and the row with them. */
async function finishStaleDeletion(ctx: RegistryContext, sha256: string): Promise<void> {
  const cutoff = new Date(Date.now() - DELETING_STALE_MS);
  const row = await ctx.db.blob.findUnique({ where: { sha256 }, select: { state: true, stateAt: true } });
  if (row?.state !== "deleting" || (row.stateAt && row.stateAt > cutoff)) return;
  if ((await ctx.db.commitFile.count({ where: { blobSha256: sha256 } })) > 0) {
    await ctx.db.blob.updateMany({ where: { sha256, state: "deleting" }, data: { state: "live", stateAt: null } });
    return;
  }
  await ctx.blobs.delete(sha256);
  await ctx.db.blob.deleteMany({ where: { sha256, state: "deleting", stateAt: { lte: cutoff } } });
}
