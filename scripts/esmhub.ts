import { Command, CommanderError } from "commander";
import { commandsFor } from "./cli/index";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// The AWS SDK is pinned to a release that supports Node 20; its notice about future releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const program = new Command("esmhub")
  .description("ESM Hub: publish, find, download and rank Embedding Space Maps")
  .showHelpAfterError(false)
  .exitOverride();

for (const register of await commandsFor(process.argv.slice(2))) register(program);

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
