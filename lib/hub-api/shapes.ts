import type { RepoRow, RevisionFacts } from "./repo-facts";

export type ApiKind = "models" | "datasets";

export interface InfoExtras {
  sha?: string;
  lastModified?: Date;
  siblings?: { path: string; size: number }[];
  cardData?: boolean;
  config?: boolean;
}

/** An `ApiModelInfo` / `ApiDatasetInfo` object as the Hub serves it; optional parts only when asked for. */
export function repoInfo(kind: ApiKind, repo: RepoRow, facts: RevisionFacts, extras: InfoExtras = {}): Record<string, unknown> {
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const info: Record<string, unknown> = {
    _id: repo.id,
    id: repo.fullName,
    ...(kind === "models" ? { modelId: repo.fullName } : {}),
    author: repo.owner,
    private: repo.private,
    gated: false,
    disabled: false,
    downloads: repo.downloads,
    likes: 0,
    lastModified: (extras.lastModified ?? repo.updatedAt).toISOString(),
    createdAt: repo.createdAt.toISOString(),
    tags: facts.tags,
  };
  if (kind === "models") {
    const pipeline = str(facts.cardData.pipeline_tag);
    const library = str(facts.cardData.library_name);
    if (pipeline) info.pipeline_tag = pipeline;
    if (library) info.library_name = library;
  }
  if (extras.sha) info.sha = extras.sha;
  if (extras.cardData) info.cardData = facts.cardData;
  if (extras.config && kind === "models") info.config = facts.config ?? {};
  if (extras.siblings) info.siblings = extras.siblings.map((f) => ({ rfilename: f.path, size: f.size }));
  return info;
}
