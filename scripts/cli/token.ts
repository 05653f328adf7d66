import type { Command } from "commander";
import { createToken } from "../../lib/registry";
import { actorByName, openLocalRegistry } from "./local-registry";

export function register(program: Command): void {
  const token = program.command("token").description("manage API tokens");
  token
    .command("create")
    .description("create an API token and print it (shown only this once)")
    .requiredOption("--user <name>", "the user the token acts for")
    .option("--scope <scope>", "read or write", "read")
    .option("--name <name>", "a label to recognise the token by", "cli")
    .action(async (opts: { user: string; scope: string; name: string }) => {
      if (opts.scope !== "read" && opts.scope !== "write") throw new Error(`--scope must be read or write, not "${opts.scope}"`);
      const ctx = await openLocalRegistry();
      const actor = await actorByName(ctx, opts.user);
      const created = await createToken(ctx.db, actor.id, { name: opts.name, scope: opts.scope });
      console.log(created.token);
    });
}
