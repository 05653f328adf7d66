import { readPackageJson } from "../packages";
import type { SourceTable } from "../table";

export const EMOJIBASE_PACKAGE = "emojibase-data";

interface Emoji {
  emoji: string;
  hexcode: string;
  label: string;
  tags?: string[];
  group?: number;
  subgroup?: number;
}

interface GroupsMeta {
  groups: Record<string, string>;
  subgroups: Record<string, string>;
}

/** Groups without a topic of their own: skin-tone/hair components and country flags. */
const SKIPPED_GROUPS = new Set(["component", "flags"]);

/** CLDR emoji annotations of one locale: "label, tag, tag…" labelled with the emoji's group and subgroup. */
export function loadEmojiGroups(locale: string): SourceTable {
  const meta = readPackageJson<GroupsMeta>(EMOJIBASE_PACKAGE, "meta", "groups.json");
  const rows = readPackageJson<Emoji[]>(EMOJIBASE_PACKAGE, locale, "data.json")
    .filter((e) => e.group !== undefined && !SKIPPED_GROUPS.has(meta.groups[e.group]))
    .map((e) => ({
      emoji: e.emoji,
      hexcode: e.hexcode,
      label: e.label,
      tags: (e.tags ?? []).join(", "),
      text: [e.label, ...(e.tags ?? [])].join(", "),
      group: meta.groups[e.group!],
      subgroup: meta.subgroups[e.subgroup!],
    }));
  return { columns: ["emoji", "hexcode", "label", "tags", "text", "group", "subgroup"], rows };
}
