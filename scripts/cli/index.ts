import type { Command } from "commander";
import { register as download } from "./download";
import { register as embed } from "./embed";
import { register as evaluate } from "./evaluate";
import { register as importer } from "./import";
import { register as list } from "./list";
import { register as logme } from "./logme";
import { register as publish } from "./publish";
import { register as rank } from "./rank";
import { register as rankDataset } from "./rank-dataset";
import { register as token } from "./token";
import { register as user } from "./user";
import { register as worker } from "./worker";

/** Each command module exports `register(program)`; add new modules to this list. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [user, token, publish, download, list, embed, logme, rank, evaluate, rankDataset, worker, importer];
