import { decodeBase64Strict } from "./base64";
import { HttpError } from "./http";

export interface ParsedCommit {
  summary: string;
  description: string;
  parentCommit?: string;
  files: { path: string; content: Uint8Array }[];
  deletions: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function field(value: Record<string, unknown>, name: string, line: number): string {
  const v = value[name];
  if (typeof v !== "string") throw new HttpError(400, `line ${line}: "${name}" must be a string`);
  return v;
}

function fileContent(value: Record<string, unknown>, line: number): Uint8Array {
  const content = field(value, "content", line);
  const encoding = value.encoding ?? "base64";
  if (encoding === "utf-8") return new TextEncoder().encode(content);
  if (encoding !== "base64") throw new HttpError(400, `line ${line}: unsupported encoding "${String(encoding)}"`);
  const bytes = decodeBase64Strict(content);
  if (!bytes) throw new HttpError(400, `line ${line}: "content" is not valid base64 (standard alphabet, padded to a multiple of 4)`);
  return bytes;
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
    let entry: unknown;
    try {
      entry = JSON.parse(raw);
    } catch {
      throw new HttpError(400, `line ${n} of the commit is not valid JSON`);
    }
    if (!isObject(entry)) throw new HttpError(400, `line ${n}: each line must be a JSON object {key, value}`);
    const value = entry.value;
    if (!isObject(value)) throw new HttpError(400, `line ${n}: "value" must be an object`);
    switch (entry.key) {
      case "header":
        if (header) throw new HttpError(400, `line ${n}: a commit has one header`);
        header = true;
        out.summary = typeof value.summary === "string" ? value.summary : "";
        out.description = typeof value.description === "string" ? value.description : "";
        if (typeof value.parentCommit === "string" && value.parentCommit) out.parentCommit = value.parentCommit;
        break;
      case "file":
        out.files.push({ path: field(value, "path", n), content: fileContent(value, n) });
        break;
      case "deletedFile":
      case "deletedFolder":
        out.deletions.push(field(value, "path", n).replace(/\/+$/, ""));
        break;
      case "lfsFile":
        throw new HttpError(400, `line ${n}: LFS uploads are not supported by this hub (files are sent inline; preupload never answers "lfs"). Upgrade or configure your client to send "${String(value.path ?? "the file")}" as a regular file.`);
      default:
        throw new HttpError(400, `line ${n}: unknown commit operation ${JSON.stringify(entry.key)?.slice(0, 60) ?? "(none)"}`);
    }
  }
  if (!header) throw new HttpError(400, "the commit has no header line");
  return out;
}
