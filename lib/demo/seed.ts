import {
  commitFiles, commitManifest, createRepo, createUser, findRepo, findUserByName, upsertDatasetInfo,
  type Actor, type RegistryContext,
} from "../registry";
import { DEMO_ESMS, DEMO_OWNER } from "./catalog";
import { demoDatasetInfos } from "./datasets";
import { buildDemoEsm, demoEsmRepoName, type RepoFile } from "./esms";
import { buildDemoTarget, DEMO_TARGET_FILE, DEMO_TARGET_NAME } from "./target";

export interface SeedOptions {
  /** Add the demo repos that are missing even when the registry already has ESMs. */
  force?: boolean;
}

export interface SeedResult {
  /** True when the registry already had ESMs and nothing was done. */
  skipped: boolean;
  /** ESMs in the registry before seeding. */
  existingEsms: number;
  esmsCreated: number;
  /** Demo ESM repos now present (created now or before). */
  demoEsms: number;
  datasets: number;
  targetCreated: boolean;
}

async function demoActor(ctx: RegistryContext): Promise<Actor> {
  // No password: the demo user cannot sign in; it only owns the demo repos.
  const user = (await findUserByName(ctx.db, DEMO_OWNER)) ?? (await createUser(ctx.db, { name: DEMO_OWNER, fullname: "ESM Hub demo" }));
  return { id: user.id, name: user.name, scope: "write" };
}

/** Whether the repo's main branch already holds `path` (a repo can exist without its content after a crash). */
async function hasFile(ctx: RegistryContext, repoId: string, path: string): Promise<boolean> {
  const branch = await ctx.db.branch.findUnique({ where: { repoId_name: { repoId, name: "main" } } });
  return branch ? (await commitManifest(ctx, branch.commitId)).some((f) => f.path === path) : false;
}

async function ensureRepo(ctx: RegistryContext, actor: Actor, kind: "esm" | "dataset", name: string, mainFile: string, files: () => Promise<RepoFile[]> | RepoFile[], message: string) {
  const fullName = `${DEMO_OWNER}/${name}`;
  const existing = await findRepo(ctx, kind, fullName);
  if (existing && (await hasFile(ctx, existing.id, mainFile))) return { repo: existing, created: false };
  const repo = existing ?? (await createRepo(ctx, actor, { kind, owner: DEMO_OWNER, name }));
  await commitFiles(ctx, actor, { kind, repo: fullName, message, files: await files() });
  return { repo, created: true };
}

/**
 * Publishes the demo registry through the registry API: the real source datasets' rows, one repo per demo ESM
 * (synthetic weights, cards that say so) and the demo target dataset. Runs only on a registry without ESMs unless
 * `force`; either way it creates only what is missing, so running it again changes nothing.
 */
export async function seedDemo(ctx: RegistryContext, options: SeedOptions = {}): Promise<SeedResult> {
  const existingEsms = await ctx.db.esmInfo.count();
  if (existingEsms > 0 && !options.force) {
    return { skipped: true, existingEsms, esmsCreated: 0, demoEsms: 0, datasets: 0, targetCreated: false };
  }
  const actor = await demoActor(ctx);
  const infos = demoDatasetInfos();
  for (const info of infos) await upsertDatasetInfo(ctx.db, info);

  let esmsCreated = 0;
  for (const spec of DEMO_ESMS) {
    const { created } = await ensureRepo(ctx, actor, "esm", demoEsmRepoName(spec), "model.safetensors",
      () => buildDemoEsm(spec).files, "Add demo ESM (synthetic weights, not trained)");
    if (created) esmsCreated++;
  }

  const target = await buildDemoTarget();
  const { repo, created: targetCreated } = await ensureRepo(ctx, actor, "dataset", DEMO_TARGET_NAME, DEMO_TARGET_FILE,
    () => target.files, "Add the SMS spam demo target");
  await upsertDatasetInfo(ctx.db, { ...target.info, repoId: repo.id });

  return { skipped: false, existingEsms, esmsCreated, demoEsms: DEMO_ESMS.length, datasets: infos.length + 1, targetCreated };
}

