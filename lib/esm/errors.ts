/** A file that is not a valid ESM artefact. `problems` lists every reason found, for display next to the upload. */
export class EsmFormatError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join("; "));
    this.name = "EsmFormatError";
    this.problems = list;
  }
}
