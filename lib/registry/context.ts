import type { Readable } from "node:stream";
import type { Db } from "../db";

/** What the registry needs of a blob store (lib/storage implements it). */
export interface RegistryBlobs {
  put(data: Readable | Uint8Array, expectedSha256?: string): Promise<{ sha256: string; size: number }>;
  get(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  delete(sha256: string): Promise<void>;
}

export interface RegistryContext {
  db: Db;
  blobs: RegistryBlobs;
  /** Hidden sizes of base models beyond the built-in table (e.g. the demo model). */
  knownBaseModels?: Record<string, number>;
}
