// Generates the Prisma clients for SQLite and PostgreSQL from prisma/schema.prisma.
// PRISMA_SCHEMA_ENGINE_BINARY points at a stub: generate never runs the schema engine,
// but the CLI would otherwise try to download it, which fails offline.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const source = readFileSync("prisma/schema.prisma", "utf8");
const postgres = source
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace('output   = "../lib/generated/sqlite"', 'output   = "../../lib/generated/postgres"');
mkdirSync("prisma/postgres", { recursive: true });
writeFileSync("prisma/postgres/schema.prisma", "// Generated from prisma/schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" + postgres);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync("node_modules/.bin/prisma", ["generate", "--schema", schema], { stdio: "inherit", env });
}
