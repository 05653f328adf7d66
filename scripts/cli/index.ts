import type { Command } from "commander";

/** Each command module exports `register(program)`; add new modules to this list. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
