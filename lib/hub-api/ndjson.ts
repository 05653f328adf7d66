import { HttpError } from "./http";

export interface ParsedCommit {
  summary: string;
  description: string;
  parentCommit?: string;
  files: { path: string; content: Uint8Array }[];
  deletions: string[];
}

function field(value: Record<string, unknown>, name: string, line: number): string {
  const v = value[name];
  if (typeof v !== "string") throw new HttpError(400, `line ${line}: "${name}" must be a string`);
  return v;
}

/**
 * Parses the commit body the stock clients send (`application/x-ndjson`): one header line, then `file`,
 * `deletedFile` and `deletedFolder` lines. `lfsFile` lines are refused: this hub always answers "regular" to
 * preupload, so a client only sends them when talking LFS it was never offered.
 */
export function parseCommitNdjson(text: string): ParsedCommit {
  const out: ParsedCommit = { summary: "", description: "", files: [], deletions: [] };
  let header = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const n = i + 1;
    let entry: { key?: unknown; value?: unknown };
    try {
      entry = JSON.parse(raw);
    } catch {
      throw new HttpError(400, `line ${n} of the commit is not valid JSON`);
    }
    const value = (entry.value && typeof entry.value === "object" ? entry.value : {}) as Record<string, unknown>;
    switch (entry.key) {
      case "header":
        if (header) throw new HttpError(400, `line ${n}: a commit has one header`);
        header = true;
        out.summary = typeof value.summary === "string" ? value.summary : "";
        out.description = typeof value.description === "string" ? value.description : "";
        if (typeof value.parentCommit === "string" && value.parentCommit) out.parentCommit = value.parentCommit;
        break;
      case "file": {
        const path = field(value, "path", n);
        const content = field(value, "content", n);
        const encoding = value.encoding ?? "base64";
        if (encoding !== "base64" && encoding !== "utf-8") throw new HttpError(400, `line ${n}: unsupported encoding "${String(encoding)}"`);
        out.files.push({ path, content: new Uint8Array(Buffer.from(content, encoding === "base64" ? "base64" : "utf8")) });
        break;
      }
      case "deletedFile":
      case "deletedFolder":
        out.deletions.push(field(value, "path", n).replace(/\/+$/, ""));
        break;
      case "lfsFile":
        throw new HttpError(400, `line ${n}: LFS uploads are not supported by this hub (files are sent inline; preupload never answers "lfs"). Upgrade or configure your client to send "${String(value.path ?? "the file")}" as a regular file.`);
      default:
        throw new HttpError(400, `line ${n}: unknown commit operation "${String(entry.key)}"`);
    }
  }
  if (!header) throw new HttpError(400, "the commit has no header line");
  return out;
}
