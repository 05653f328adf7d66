import { migrate } from "../../lib/migrate";
import { registry, type RegistryContext } from "../../lib/registry";

/** The registry in the configured data folder (or DATABASE_URL), migrated before use. */
export async function openLocalRegistry(): Promise<RegistryContext> {
  await migrate();
  return registry();
}

export async function actorByName(ctx: RegistryContext, name: string) {
  const user = await ctx.db.user.findUnique({ where: { name } });
  if (!user) throw new Error(`no user named "${name}" (create one with: esmhub user create --name ${name} --password-stdin)`);
  return { id: user.id, name: user.name, scope: "write" as const };
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error("--password-stdin expects the password on standard input, e.g. echo \"$PW\" | esmhub …");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
