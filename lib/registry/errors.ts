/** Hub-style error codes; the HTTP layer maps them to statuses and the `X-Error-Code` header. */
export type RegistryErrorCode =
  | "RepoNotFound"
  | "RevisionNotFound"
  | "EntryNotFound"
  | "UserNotFound"
  | "Conflict"
  | "InvalidInput"
  | "Unauthorized"
  | "Forbidden"
  | "PayloadTooLarge"
  | "TooManyRequests";

const STATUS: Record<RegistryErrorCode, number> = {
  RepoNotFound: 404,
  RevisionNotFound: 404,
  EntryNotFound: 404,
  UserNotFound: 404,
  Conflict: 409,
  InvalidInput: 400,
  Unauthorized: 401,
  Forbidden: 403,
  PayloadTooLarge: 413,
  TooManyRequests: 429,
};

export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly status: number;
  /** Every problem found, for forms that show them next to the input. */
  readonly problems: string[];

  constructor(code: RegistryErrorCode, message: string, problems: string[] = [message]) {
    super(message);
    this.name = "RegistryError";
    this.code = code;
    this.status = STATUS[code];
    this.problems = problems;
  }
}
