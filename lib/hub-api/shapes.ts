import { lfsInfo, type LfsRule } from "./lfs";
import type { RepoRow, RevisionFacts } from "./repo-facts";

export type ApiKind = "models" | "datasets";

export interface InfoExtras {
  sha?: string;
  lastModified?: Date;
  siblings?: { path: string; size: number; gitSha1: string; blobSha256: string }[];
  /** `?blobs=true` (Python's `files_metadata=True`): siblings carry `blobId`, and `lfs` where the rule tracks them. */
  blobs?: LfsRule;
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
  if (extras.siblings) info.siblings = extras.siblings.map((f) => sibling(f, extras.blobs));
  return info;
}

function sibling(f: { path: string; size: number; gitSha1: string; blobSha256: string }, blobs: LfsRule | undefined): Record<string, unknown> {
  if (!blobs) return { rfilename: f.path, size: f.size };
  const out: Record<string, unknown> = { rfilename: f.path, size: f.size, blobId: f.gitSha1 };
  if (blobs(f.path)) {
    const lfs = lfsInfo(f);
    out.lfs = { sha256: lfs.oid, size: lfs.size, pointerSize: lfs.pointerSize };
  }
  return out;
}
