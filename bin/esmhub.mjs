#!/usr/bin/env node
// The esmhub command: loads the TypeScript CLI through tsx, so `npx esmhub …` needs no build step.
import { register } from "tsx/esm/api";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

register();
const here = path.dirname(fileURLToPath(import.meta.url));
await import(pathToFileURL(path.join(here, "..", "scripts", "esmhub.ts")).href);
