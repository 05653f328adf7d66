import { createHash } from "node:crypto";

/** Git's blob id (sha1 of "blob <size>\0<content>"), which Hub clients compare as a file's `oid`. */
export function gitBlobSha1(content: Uint8Array): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

export function sha256Hex(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** A 40-hex commit id over everything that defines the commit, so ids never collide across repos or time. */
export function commitId(input: { repoId: string; parentId: string | null; files: { path: string; sha256: string }[]; message: string; authorId: string | null; time: Date }): string {
  const h = createHash("sha1");
  h.update(`repo ${input.repoId}\nparent ${input.parentId ?? "-"}\nauthor ${input.authorId ?? "-"}\ntime ${input.time.toISOString()}\n`);
  for (const f of [...input.files].sort((a, b) => (a.path < b.path ? -1 : 1))) h.update(`file ${f.sha256} ${f.path}\n`);
  h.update(`\n${input.message}`);
  return h.digest("hex");
}
