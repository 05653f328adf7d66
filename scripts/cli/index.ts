import type { Command } from "commander";

/** Each command module exports `register(program)`. */
export type RegisterCommand = (program: Command) => void;

type Loader = () => Promise<{ register: RegisterCommand }>;

/**
 * Top-level command name → module. Only the module of the command being run is loaded (some pull in
 * onnxruntime or the database); `esmhub --help` loads them all.
 */
export const commandModules: Record<string, Loader> = {
  user: () => import("./user"),
  token: () => import("./token"),
  publish: () => import("./publish"),
  download: () => import("./download"),
  list: () => import("./list"),
  import: () => import("./import"),
  embed: () => import("./embed"),
  logme: () => import("./logme"),
  rank: () => import("./rank"),
  evaluate: () => import("./evaluate"),
  "rank-dataset": () => import("./rank-dataset"),
  worker: () => import("./worker"),
};

/** The register functions needed to run `argv` (all of them when no known command is named). */
export async function commandsFor(argv: string[]): Promise<RegisterCommand[]> {
  const name = argv.find((a) => !a.startsWith("-"));
  const loaders = name && commandModules[name] ? [commandModules[name]] : Object.values(commandModules);
  return (await Promise.all(loaders.map((load) => load()))).map((m) => m.register);
}
