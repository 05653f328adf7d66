import type { RegistryContext } from "../registry";

export interface HubApiContext {
  registry: RegistryContext;
  /** Another Hub to send clients to for repos this hub does not hold (e.g. base models); off when unset. */
  upstreamUrl?: string;
  /** Largest commit body accepted, in bytes. */
  maxCommitBytes?: number;
  /** Overrides the externally visible origin derived from Host / X-Forwarded-* headers. */
  publicUrl?: string;
}

export const DEFAULT_MAX_COMMIT_BYTES = 64 * 1024 * 1024;
