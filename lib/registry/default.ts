import { db } from "../db";
import { blobStore } from "../storage";
import type { RegistryContext } from "./context";
import { demoBaseModelSizes } from "./known-models";

let context: RegistryContext | undefined;

/** The registry of this process: the configured database and blob store. */
export function registry(): RegistryContext {
  context ??= { db: db(), blobs: blobStore(), knownBaseModels: demoBaseModelSizes() };
  return context;
}
