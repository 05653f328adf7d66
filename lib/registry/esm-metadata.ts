import { canonicalBaseModel, type ValidEsm } from "../esm";
import { cardTags, parseCard } from "./card";

/** The EsmInfo row of a repo's head, as extracted at commit time. */
export function esmInfoFrom(valid: ValidEsm, configText: string, cardText: string | null) {
  const { config, weights } = valid;
  const tags = cardText ? cardTags(parseCard(cardText).data) : [];
  return {
    baseModel: canonicalBaseModel(config.baseModelName),
    taskId: config.taskId,
    subset: config.taskSubset,
    split: config.taskSplit,
    textColumns: JSON.stringify(config.textColumns),
    labelColumn: config.labelColumn,
    taskType: config.taskType ?? "unknown",
    language: config.language,
    numExamples: config.numExamples,
    architecture: config.architecture,
    embeddingDim: weights.dim,
    formatVersion: config.version,
    legacy: weights.legacy,
    synthetic: tags.includes("synthetic-weights"),
    config: configText,
  };
}

/** Lower-cased text that search matches against: ids, columns, languages and the card. */
export function searchTextFor(fullName: string, info: ReturnType<typeof esmInfoFrom> | null, cardText: string | null): string {
  const parts = [fullName];
  if (info) {
    parts.push(info.baseModel, info.taskId, info.subset ?? "", info.split ?? "", ...JSON.parse(info.textColumns), info.labelColumn ?? "", info.language ?? "", info.taskType);
  }
  if (cardText) parts.push(parseCard(cardText).body.slice(0, 20_000));
  return parts.filter(Boolean).join("\n").toLowerCase();
}
