import { writableRepo } from "./access";
import { requireActor } from "./auth";
import { decodeBase64Strict } from "./base64";
import type { HubApiContext } from "./context";
import { errorResponse, HttpError, json, publicOrigin, readJsonBody } from "./http";
import { commitFiles, createRepo, deleteRepo, findRepo, RegistryError, type RepoKind } from "../registry";
import { repoUrl } from "./repo-url";

const MAX_CREATE_BODY = 64 * 1024 * 1024;

function kindOf(type: unknown): RepoKind {
  if (type === undefined || type === null || type === "model") return "esm";
  if (type === "dataset") return "dataset";
  throw new HttpError(400, `repos of type "${String(type)}" are not hosted here; use "model" or "dataset"`);
}

/** `POST /api/repos/create`; an existing repo is a 409 whose JSON carries `url` (Python's `exist_ok=True` reads it). */
export async function createRepoHandler(req: Request, ctx: HubApiContext): Promise<Response> {
  const actor = await requireActor(req, ctx);
  const body = await readJsonBody(req, MAX_CREATE_BODY);
  const kind = kindOf(body.type);
  if (typeof body.name !== "string") throw new HttpError(400, "name is required");
  const owner = typeof body.organization === "string" && body.organization ? body.organization : actor.name;
  const fullName = `${owner}/${body.name}`;
  const url = repoUrl(publicOrigin(req, ctx), kind, fullName);
  const isPrivate = body.visibility === "private" || body.private === true;
  const existing = await findRepo(ctx.registry, kind, fullName);
  if (existing && (!existing.private || existing.owner === actor.name)) {
    return errorResponse(409, `You already created this ${kind === "dataset" ? "dataset" : "model"} repo`, undefined, { url });
  }
  const files = parseInitialFiles(body.files);
  try {
    const repo = await createRepo(ctx.registry, actor, { kind, owner, name: body.name, private: isPrivate });
    if (files.length) {
      await commitFiles(ctx.registry, actor, { kind, repo: fullName, message: "initial files", files }).catch(async (err) => {
        await deleteRepo(ctx.registry, actor, kind, fullName);
        throw err;
      });
    }
    return json({ url, name: fullName, id: repo.id });
  } catch (err) {
    if (err instanceof RegistryError && err.code === "Conflict") return errorResponse(409, err.message, undefined, { url });
    throw err;
  }
}

function parseInitialFiles(value: unknown): { path: string; content: Uint8Array }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new HttpError(400, "files must be an array");
  return value.map((f) => {
    if (!f || typeof f.path !== "string" || typeof f.content !== "string") throw new HttpError(400, "each file needs path and content");
    if (f.encoding !== "base64") return { path: f.path, content: new TextEncoder().encode(f.content) };
    const content = decodeBase64Strict(f.content);
    if (!content) throw new HttpError(400, `the content of ${JSON.stringify(f.path)} is not valid base64`);
    return { path: f.path, content };
  });
}

/** `DELETE /api/repos/delete` `{name, organization, type}`: the repo with its history (owner, write token). */
export async function deleteRepoHandler(req: Request, ctx: HubApiContext): Promise<Response> {
  const actor = await requireActor(req, ctx);
  const body = await readJsonBody(req);
  const kind = kindOf(body.type);
  if (typeof body.name !== "string") throw new HttpError(400, "name is required");
  const owner = typeof body.organization === "string" && body.organization ? body.organization : actor.name;
  const fullName = `${owner}/${body.name}`;
  await writableRepo(ctx, kind, fullName, actor);
  await deleteRepo(ctx.registry, actor, kind, fullName);
  return json({ deleted: fullName });
}
