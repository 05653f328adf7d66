import { baseModelAliases, canonicalBaseModel } from "../esm";
import type { Prisma } from "../generated/sqlite/client";
import { ESM_TAG } from "../registry/repo-checks";
import { likePieces } from "../registry/search";
import { HttpError } from "./http";

export { ESM_TAG };

/** What tags are derived from: the ESM facts of the revision (null for other repos) and its card's front matter. */
export interface TagSource {
  esm: { baseModelName: string; taskId: string } | null;
  cardData: Record<string, unknown>;
}

function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
  return typeof value === "string" && value.trim() ? [value.trim()] : [];
}

/** Tag shapes whose truth for an ESM comes from its config, not its card (so database filters agree with tags). */
function isEsmShaped(tag: string): boolean {
  return tag === ESM_TAG || tag.startsWith("BaseLM:") || tag.startsWith("base_model:") || tag.startsWith("dataset:");
}

/**
 * Tags as the Hugging Face Hub derives them, which the reference's discovery filters on: the card's literal tags,
 * `embedding_space_map` and `BaseLM:<base>` for ESMs, `base_model:<id>` and `base_model:finetune:<id>` (canonical id),
 * `dataset:<id>`, `license:<id>` and the card's languages.
 */
export function deriveTags(source: TagSource): string[] {
  const out: string[] = [];
  const add = (t: string) => {
    if (!out.includes(t)) out.push(t);
  };
  const { esm, cardData } = source;
  const cardTags = strings(cardData.tags).filter((t) => !isEsmShaped(t));
  if (esm) {
    add(ESM_TAG);
    add(`BaseLM:${esm.baseModelName}`);
    cardTags.forEach(add);
    add(`dataset:${esm.taskId}`);
    const base = canonicalBaseModel(esm.baseModelName);
    add(`base_model:${base}`);
    add(`base_model:finetune:${base}`);
  } else {
    cardTags.forEach(add);
    strings(cardData.datasets).forEach((d) => add(`dataset:${d}`));
  }
  strings(cardData.license).forEach((l) => add(`license:${l}`));
  strings(cardData.language).forEach(add);
  strings(cardData.pipeline_tag).forEach(add);
  return out;
}

export interface TagFilter {
  /** Conditions the database evaluates exactly. */
  where: Prisma.RepoWhereInput[];
  /** Tags without a column: the database narrows by card text, the caller checks the derived tags. */
  inMemory: string[];
}

/**
 * Narrows by card text without LIKE wildcards (see `likePieces`); the caller's in-memory check is exact. A needle of
 * wildcards alone would make every repo a candidate, so it is refused.
 */
function cardTextContains(needle: string, tag: string): Prisma.RepoWhereInput[] {
  const pieces = likePieces(needle);
  if (pieces.length === 0) throw new HttpError(400, `filter tag ${JSON.stringify(tag.slice(0, 60))} has nothing to match but wildcard characters`);
  return pieces.map((piece) => ({ cardText: { contains: piece } }));
}

/**
 * Translates `filter=` tags (AND) into database conditions. Known ESM shapes map onto EsmInfo columns; base-model
 * aliases (`bert-base-uncased` ↔ `google-bert/bert-base-uncased`) match each other.
 */
export function tagFilter(tags: string[]): TagFilter {
  const where: Prisma.RepoWhereInput[] = [];
  const inMemory: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    if (!tag) continue;
    const base = /^(?:base_model:(?:finetune:)?|BaseLM:)(.+)$/.exec(tag);
    if (tag === ESM_TAG) where.push({ esm: { isNot: null } });
    else if (base) where.push({ esm: { is: { baseModel: { in: baseModelAliases(base[1]) } } } });
    else if (tag.startsWith("dataset:")) {
      const id = tag.slice("dataset:".length);
      where.push({ OR: [{ esm: { is: { taskId: id } } }, { esm: { is: null }, AND: cardTextContains(id, tag) }] });
      inMemory.push(tag);
    } else {
      where.push(...cardTextContains(tag.includes(":") ? tag.slice(tag.indexOf(":") + 1) : tag, tag));
      inMemory.push(tag);
    }
  }
  return { where, inMemory };
}
