import YAML from "yaml";
import { HttpError, json, readJsonBody } from "./http";

/** `POST /api/validate-yaml` `{content, repoType}`: checks a README's front matter (the Python client calls it before README commits). */
export async function validateYaml(req: Request): Promise<Response> {
  const body = await readJsonBody(req, 4 * 1024 * 1024);
  if (typeof body.content !== "string") throw new HttpError(400, "content must be a string");
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(body.content);
  const errors: { message: string }[] = [];
  if (m) {
    const doc = YAML.parseDocument(m[1]);
    for (const e of doc.errors) errors.push({ message: e.message });
    const value = errors.length ? null : doc.toJS();
    if (!errors.length && value !== null && (typeof value !== "object" || Array.isArray(value))) errors.push({ message: "the front matter must be a YAML mapping" });
  }
  if (errors.length) return json({ error: `Invalid metadata in README.md: ${errors.map((e) => e.message).join("; ")}`, errors, warnings: [] }, { status: 400 });
  return json({ errors: [], warnings: [] });
}
