import YAML from "yaml";

export interface ParsedCard {
  data: Record<string, unknown>;
  body: string;
}

/** Splits a README.md into its YAML front matter and Markdown body; malformed front matter is treated as body. */
export function parseCard(text: string): ParsedCard {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { data: {}, body: text };
  try {
    const data = YAML.parse(m[1]);
    if (data && typeof data === "object" && !Array.isArray(data)) return { data: data as Record<string, unknown>, body: text.slice(m[0].length) };
  } catch {
    // fall through: show the text as written
  }
  return { data: {}, body: text };
}

export function cardTags(data: Record<string, unknown>): string[] {
  const tags = data.tags;
  if (Array.isArray(tags)) return tags.filter((t): t is string => typeof t === "string");
  return typeof tags === "string" ? [tags] : [];
}
