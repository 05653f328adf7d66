// `npm start`: migrate the database, seed the demo registry when it is empty, then serve the production build.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseTarget, dataDir } from "../lib/config";
import { migrate } from "../lib/migrate";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// The AWS SDK is pinned to a release that supports Node 20; its notice about future releases is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const target = databaseTarget();
const applied = await migrate(target);
console.log(`esmhub: ${target.kind} database ${applied.length ? `migrated (${applied.join(", ")})` : "up to date"}; data folder ${dataDir()}`);

if (process.env.ESMHUB_SEED !== "0") {
  const seed = spawnSync(bin("tsx"), [path.join(root, "scripts", "seed-demo.ts")], { stdio: "inherit", env: process.env });
  if (seed.status !== 0) {
    console.error("esmhub: seeding the demo registry failed; starting anyway");
  }
}

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("esmhub: no production build found; run `npm run build` first (or `npm run hub`, which does everything)");
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
const server = spawn(bin("next"), ["start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])], {
  stdio: "inherit",
  env: process.env,
  cwd: root,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
