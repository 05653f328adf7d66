import type { Command } from "commander";
import { createUser } from "../../lib/registry";
import { openLocalRegistry, readStdin } from "./local-registry";

export function register(program: Command): void {
  const user = program.command("user").description("manage users of the local registry");
  user
    .command("create")
    .description("create a user; the password is read from standard input")
    .requiredOption("--name <name>", "user name (the owner part of repo ids)")
    .option("--password-stdin", "read the password from standard input (required)")
    .action(async (opts: { name: string; passwordStdin?: boolean }) => {
      if (!opts.passwordStdin) throw new Error("pass the password on standard input with --password-stdin");
      const password = await readStdin();
      const ctx = await openLocalRegistry();
      const created = await createUser(ctx.db, { name: opts.name, password });
      console.log(`created user ${created.name}`);
    });
}
