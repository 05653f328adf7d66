import { publicUrl } from "../config";
import { registry } from "../registry";
import type { HubApiContext } from "./context";

let context: HubApiContext | undefined;

/** The Hub API context of this process: the registry, and the upstream hub when HUB_UPSTREAM_URL is set. */
export function hubApiContext(): HubApiContext {
  context ??= {
    registry: registry(),
    upstreamUrl: process.env.HUB_UPSTREAM_URL?.trim() || undefined,
    publicUrl: publicUrl(),
  };
  return context;
}
