export type DatasetErrorCode =
  | "file_too_large"
  | "too_many_rows"
  | "too_many_columns"
  | "empty_file"
  | "invalid_encoding"
  | "unsupported_format"
  | "parse_error"
  | "missing_column"
  | "no_text_column"
  | "no_label_column"
  | "missing_label"
  | "bad_label"
  | "one_class"
  | "constant_target"
  | "bad_option";

/** A target file or option the user must fix; `code` lets the API map it to a status and the UI to a message. */
export class DatasetError extends Error {
  readonly code: DatasetErrorCode;

  constructor(code: DatasetErrorCode, message: string) {
    super(message);
    this.name = "DatasetError";
    this.code = code;
  }
}
