import type { HubApiContext } from "./context";
import { parseCard, readBlob, type RepoKind } from "../registry";
import type { TagSource } from "./tags";
import { deriveTags } from "./tags";

export interface RepoRow {
  id: string;
  kind: string;
  owner: string;
  fullName: string;
  private: boolean;
  downloads: number;
  cardText: string | null;
  createdAt: Date;
  updatedAt: Date;
  esm?: { commitId: string; baseModel: string; taskId: string; config: string } | null;
}

export interface RevisionFacts {
  cardData: Record<string, unknown>;
  config: Record<string, unknown> | null;
  tags: string[];
}

function parseJsonObject(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function esmSource(config: Record<string, unknown> | null, fallbackBase?: string, fallbackTask?: string): TagSource["esm"] {
  const base = typeof config?.base_model_name === "string" ? config.base_model_name : fallbackBase;
  const task = typeof config?.task_id === "string" ? config.task_id : fallbackTask;
  return base && task ? { baseModelName: base, taskId: task } : null;
}

/** Card, config and tags of the main branch head, from the columns stored at commit time (no blob reads). */
export function headFacts(repo: RepoRow): RevisionFacts {
  const cardData = repo.cardText ? parseCard(repo.cardText).data : {};
  const config = repo.esm ? parseJsonObject(repo.esm.config) : null;
  const esm = repo.esm ? esmSource(config, repo.esm.baseModel, repo.esm.taskId) : null;
  return { cardData, config, tags: deriveTags({ esm, cardData }) };
}

/** The same facts for any commit: the head's columns when it is the head, else read from the commit's files. */
export async function revisionFacts(ctx: HubApiContext, kind: RepoKind, repo: RepoRow, commitId: string, files: { path: string; blobSha256: string }[]): Promise<RevisionFacts> {
  if (repo.esm?.commitId === commitId || (!repo.esm && (await isMainHead(ctx, repo.id, commitId)))) return headFacts(repo);
  const text = async (path: string) => {
    const f = files.find((x) => x.path === path);
    return f ? new TextDecoder().decode(await readBlob(ctx.registry, f.blobSha256)) : null;
  };
  const [cardText, configText] = await Promise.all([text("README.md"), kind === "esm" ? text("config.json") : null]);
  const cardData = cardText ? parseCard(cardText).data : {};
  const config = parseJsonObject(configText);
  const hasWeights = files.some((f) => f.path === "model.safetensors");
  const esm = hasWeights ? esmSource(config) : null;
  return { cardData, config, tags: deriveTags({ esm, cardData }) };
}

async function isMainHead(ctx: HubApiContext, repoId: string, commitId: string): Promise<boolean> {
  const main = await ctx.registry.db.branch.findUnique({ where: { repoId_name: { repoId, name: "main" } } });
  return main?.commitId === commitId;
}
