import { nameProblem } from "../registry/names";

/**
 * A free hub user name derived from an outside login (e.g. a GitHub login): invalid characters become "-",
 * and a taken name gets "-2", "-3", … appended.
 */
export async function uniqueUserName(login: string, isTaken: (name: string) => Promise<boolean>): Promise<string> {
  let base = login
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/([-.])\1+/g, "$1")
    .replace(/^[-._]+|[-._]+$/g, "")
    .slice(0, 90);
  if (!base || nameProblem(base)) base = "user";
  for (let i = 1; i < 10_000; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!nameProblem(candidate) && !(await isTaken(candidate))) return candidate;
  }
  throw new Error(`no free user name for "${login}"`);
}
