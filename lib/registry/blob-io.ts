import type { Readable } from "node:stream";
import type { RegistryContext } from "./context";

export async function streamToBytes(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

export async function readBlob(ctx: RegistryContext, sha256: string): Promise<Uint8Array> {
  return streamToBytes(await ctx.blobs.get(sha256));
}
