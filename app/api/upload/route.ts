// POST /api/upload — the website's ESM upload (multipart: name, message, files[]), for a signed-in browser session.
// Everything is validated before the repo is created; if the commit is still refused, the new repo is removed.
import { NextResponse } from "next/server";
import { crossSiteProblem } from "@/lib/auth/same-origin";
import { publicUrl } from "@/lib/config";
import { validateEsm, EsmFormatError } from "@/lib/esm";
import { HttpError } from "@/lib/hub-api/http";
import { MULTIPART_OVERHEAD_BYTES, readMultipart } from "@/lib/hub-api/multipart";
import { commitFiles, createRepo, deleteRepo, findRepo, nameProblem, pathProblem, registry, RegistryError } from "@/lib/registry";
import { MAX_UPLOAD_BYTES, pickEsmFiles, REQUIRED_FILES, totalBytes } from "@/lib/site/upload-files";
import { isReservedName } from "@/lib/site/reserved-names";
import { actorOf, currentUser } from "@/app/_lib/session";

export const dynamic = "force-dynamic";

function refuse(status: number, error: string, problems: string[] = [error]) {
  return NextResponse.json({ error, problems }, { status });
}

export async function POST(request: Request) {
  const crossSite = crossSiteProblem(request, publicUrl());
  if (crossSite) return refuse(403, crossSite);
  const user = await currentUser();
  if (!user) return refuse(401, "sign in to upload an ESM");
  let form: FormData;
  try {
    form = await readMultipart(request, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES, "ESM upload");
  } catch (err) {
    if (err instanceof HttpError) return refuse(err.status, err.message);
    throw err;
  }
  const name = String(form.get("name") ?? "").trim();
  const message = String(form.get("message") ?? "").trim() || "Upload ESM";
  const uploads = form.getAll("files").filter((f): f is File => f instanceof File);
  const problems: string[] = [];
  const problem = nameProblem(name, "repository name");
  if (problem) problems.push(problem);
  for (const f of uploads) {
    const p = pathProblem(f.name);
    if (p) problems.push(p);
  }
  if (problems.length) return refuse(400, problems[0], problems);

  const picked = pickEsmFiles(await Promise.all(uploads.map(async (f) => ({ path: f.name, content: new Uint8Array(await f.arrayBuffer()) }))));
  if (picked.missing.length) return refuse(400, `missing ${picked.missing.join(" and ")}; an ESM needs ${REQUIRED_FILES.join(" and ")}`);
  if (totalBytes(picked.files) > MAX_UPLOAD_BYTES) return refuse(413, `the files are larger than the ${MAX_UPLOAD_BYTES / 1048576} MB limit`);

  const ctx = registry();
  const config = picked.files.find((f) => f.path === "config.json")!;
  const weights = picked.files.find((f) => f.path === "model.safetensors")!;
  try {
    validateEsm(config.content, weights.content, { knownBaseModels: ctx.knownBaseModels });
  } catch (err) {
    if (err instanceof EsmFormatError) return refuse(400, `invalid ESM: ${err.message}`, err.problems);
    throw err;
  }

  const actor = actorOf(user);
  const fullName = `${user.name}/${name}`;
  if (isReservedName(user.name)) return refuse(403, `the user name ${user.name} cannot own repos`);
  try {
    if (await findRepo(ctx, "esm", fullName)) return refuse(409, `${fullName} already exists; choose another name`);
    await createRepo(ctx, actor, { kind: "esm", name });
    try {
      const { commitId } = await commitFiles(ctx, actor, { kind: "esm", repo: fullName, message, files: picked.files });
      return NextResponse.json({ fullName, commitId, url: `/${fullName}` }, { status: 201 });
    } catch (err) {
      await deleteRepo(ctx, actor, "esm", fullName).catch(() => undefined);
      throw err;
    }
  } catch (err) {
    if (err instanceof RegistryError) return refuse(err.status, err.message, err.problems);
    throw err;
  }
}
