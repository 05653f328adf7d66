import { stringify } from "yaml";
import type { PreparedTarget, TargetFormat } from "../datasets";

export interface TargetReadmeInput {
  fullName: string;
  file: string;
  format: TargetFormat;
  numRows: number;
  prepared: PreparedTarget;
  description?: string;
  language?: string;
}

function statsLine(p: PreparedTarget): string {
  if (p.stats.taskType === "classification") {
    const names = p.labelNames;
    const counts = p.stats.classCounts.map((c, i) => `${names?.[i] ?? i}: ${c}`).join(", ");
    return `${p.stats.numClasses} classes in the ranked sample (${counts})`;
  }
  const s = p.stats;
  return `mean ${s.mean.toPrecision(4)}, std ${s.std.toPrecision(4)}, range ${s.min} to ${s.max} in the ranked sample`;
}

/** A dataset card in the Hub's format: YAML front matter, then what the file holds and how it is ranked. */
export function targetReadme(input: TargetReadmeInput): string {
  const { prepared: p } = input;
  const front: Record<string, unknown> = {
    ...(input.language ? { language: [input.language] } : {}),
    task_categories: [p.taskType === "classification" ? "text-classification" : "text-regression"],
    tags: ["esmhub-target"],
    configs: [{ config_name: "default", data_files: input.file }],
  };
  const lines = [
    `---\n${stringify(front).trimEnd()}\n---`,
    "",
    `# ${input.fullName}`,
    "",
    input.description?.trim() || "A target dataset uploaded to ESM Hub for ranking intermediate datasets.",
    "",
    `- File: \`${input.file}\` (${input.format.toUpperCase()}, ${input.numRows.toLocaleString("en-US")} rows)`,
    `- Text column${p.columns.textColumns.length > 1 ? "s" : ""}: ${p.columns.textColumns.map((c) => `\`${c}\``).join(" + ")}`,
    `- Label column: \`${p.columns.labelColumn}\` (${p.taskType})`,
    `- Labels: ${statsLine(p)}`,
    `- Ranking sample: ${p.counts.selected.toLocaleString("en-US")} of ${p.counts.usable.toLocaleString("en-US")} usable rows (seed as in the reference)`,
    "",
  ];
  return lines.join("\n");
}
