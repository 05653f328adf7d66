export type EmbedErrorCode = "unsupported_model" | "model_not_found" | "missing_file" | "no_pooler" | "aborted" | "bad_input";

/** A base model that cannot be used with the reference recipe, or an embedding run that was stopped. */
export class EmbedError extends Error {
  readonly code: EmbedErrorCode;

  constructor(code: EmbedErrorCode, message: string) {
    super(message);
    this.name = "EmbedError";
    this.code = code;
  }
}
