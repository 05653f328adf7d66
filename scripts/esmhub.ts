import { Command, CommanderError } from "commander";
import { commands } from "./cli/index";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const program = new Command("esmhub")
  .description("ESM Hub: publish, find, download and rank Embedding Space Maps")
  .showHelpAfterError(false)
  .exitOverride();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version exit through here with code 0.
    process.exitCode = err.exitCode;
  } else {
    console.error(`esmhub: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
