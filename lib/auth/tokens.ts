import { createHash, randomBytes } from "node:crypto";

export type TokenScope = "read" | "write";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A new token in the Hugging Face shape (`hf_` + 34 letters), which the stock clients insist on. */
export function generateToken(): string {
  const bytes = randomBytes(34);
  let body = "";
  for (const b of bytes) body += ALPHABET[b % ALPHABET.length];
  return "hf_" + body;
}

/** Tokens are stored only as this hash; a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isTokenShaped(value: string): boolean {
  return /^hf_[A-Za-z0-9]{20,64}$/.test(value);
}

/** The credential from an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1] : null;
}
