import YAML from "yaml";
import { HttpError, json, readJsonBody } from "./http";
import { MAX_YAML_NESTING, mayNestDeeperThan } from "./yaml-nesting";

/** Larger front matter is refused unparsed; real model and dataset cards carry a few kilobytes of metadata. */
export const MAX_FRONT_MATTER_BYTES = 1024 * 1024;
/** Alias expansions allowed when building the value: enough for real cards, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/** Why the front matter is not acceptable metadata (empty when it is). Each limit is checked before the step it guards. */
function frontMatterProblems(source: string): string[] {
  if (Buffer.byteLength(source) > MAX_FRONT_MATTER_BYTES) return [`the metadata is larger than ${MAX_FRONT_MATTER_BYTES / 1024} KB`];
  if (mayNestDeeperThan(source)) return [`the metadata nests deeper than ${MAX_YAML_NESTING} levels`];
  const doc = YAML.parseDocument(source);
  if (doc.errors.length) return doc.errors.map((e) => e.message);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The yaml package throws a ReferenceError when aliases expand past maxAliasCount (and for undefined aliases).
    return [`the metadata cannot be read: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (value !== null && (typeof value !== "object" || Array.isArray(value))) return ["the front matter must be a YAML mapping"];
  return [];
}

/** `POST /api/validate-yaml` `{content, repoType}`: checks a README's front matter (the Python client calls it before README commits). */
export async function validateYaml(req: Request): Promise<Response> {
  const body = await readJsonBody(req, 4 * 1024 * 1024);
  if (typeof body.content !== "string") throw new HttpError(400, "content must be a string");
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(body.content);
  const problems = m ? frontMatterProblems(m[1]) : [];
  if (problems.length) {
    return json({ error: `Invalid metadata in README.md: ${problems.join("; ")}`, errors: problems.map((message) => ({ message })), warnings: [] }, { status: 400 });
  }
  return json({ errors: [], warnings: [] });
}
