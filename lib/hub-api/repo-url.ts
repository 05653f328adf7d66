import type { RepoKind } from "../registry";

/** The web URL of a repo, as the Hub returns it from create/commit calls (must start with the endpoint the client uses). */
export function repoUrl(origin: string, kind: RepoKind, fullName: string): string {
  return `${origin}/${kind === "dataset" ? "datasets/" : ""}${fullName}`;
}
