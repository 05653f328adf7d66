import type { HubApiContext } from "./context";
import { readBlob } from "../registry";

const GITATTRIBUTES = ".gitattributes";

/** Whether a path is LFS-tracked at a commit. */
export type LfsRule = (path: string) => boolean;

export interface LfsInfo {
  oid: string;
  size: number;
  pointerSize: number;
}

interface StoredFile {
  path: string;
  size: number;
  blobSha256: string;
}

/** One gitattributes glob as a regex: `*`/`?` stay in a segment, `**` crosses them, slash-less patterns match the basename. */
function globToRegex(pattern: string): RegExp {
  const anchored = pattern.replace(/^\//, "");
  const body = anchored.split(/(\/\*\*\/|^\*\*\/|\/\*\*$|\*\*|\*|\?)/).map((part) => {
    if (part === "/**/") return "/(?:.*/)?";
    if (part === "**/") return "(?:.*/)?";
    if (part === "/**") return "/.*";
    if (part === "**") return ".*";
    if (part === "*") return "[^/]*";
    if (part === "?") return "[^/]";
    return part.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }).join("");
  return new RegExp(pattern.includes("/") ? `^${body}$` : `(?:^|/)${body}$`);
}

/** Parses `.gitattributes`: the last line whose pattern matches a path and that sets or unsets `filter` decides, as in git. */
export function parseLfsRule(text: string): LfsRule {
  const rules: { re: RegExp; lfs: boolean }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [pattern, ...attrs] = line.trim().split(/\s+/);
    if (!pattern || pattern.startsWith("#")) continue;
    const filter = attrs.find((a) => /^[-!]?filter(=|$)/.test(a));
    if (filter) rules.push({ re: globToRegex(pattern), lfs: filter === "filter=lfs" });
  }
  return (path) => {
    let lfs = false;
    for (const r of rules) if (r.re.test(path)) lfs = r.lfs;
    return lfs;
  };
}

// Parsed rules by the blob's sha256: content-addressed, so an entry never goes stale.
const cache = new Map<string, LfsRule>();
const CACHE_LIMIT = 256;

/**
 * The LFS rule of a commit, from its `.gitattributes`. Files are stored whole either way (preupload never offers LFS);
 * the rule only decides which files are described as LFS objects, as the Hub describes the files its attributes track.
 */
export async function lfsRule(ctx: HubApiContext, files: { path: string; blobSha256: string }[]): Promise<LfsRule> {
  const attributes = files.find((f) => f.path === GITATTRIBUTES);
  if (!attributes) return () => false;
  let rule = cache.get(attributes.blobSha256);
  if (!rule) {
    rule = parseLfsRule(new TextDecoder().decode(await readBlob(ctx.registry, attributes.blobSha256)));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(attributes.blobSha256, rule);
  }
  return rule;
}

/** The LFS rule of a commit, reading only its `.gitattributes` entry (for single-file answers). */
export async function lfsRuleAt(ctx: HubApiContext, commitId: string): Promise<LfsRule> {
  const attributes = await ctx.registry.db.commitFile.findUnique({ where: { commitId_path: { commitId, path: GITATTRIBUTES } } });
  return lfsRule(ctx, attributes ? [attributes] : []);
}

/** What the Hub reports for an LFS object: the content's sha256 and size, and the size of the git pointer file. */
export function lfsInfo(file: StoredFile): LfsInfo {
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${file.blobSha256}\nsize ${file.size}\n`;
  return { oid: file.blobSha256, size: file.size, pointerSize: Buffer.byteLength(pointer) };
}
