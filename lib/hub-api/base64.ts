/**
 * Decodes standard, padded base64 strictly, or returns null. Node's decoder skips characters outside the alphabet and
 * stops at stray padding, which would store garbage for a corrupted upload; re-encoding and comparing refuses every
 * such input at once (wrong alphabet, missing or misplaced padding, a length that is not a multiple of 4, non-zero
 * trailing bits).
 */
export function decodeBase64Strict(text: string): Uint8Array | null {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? new Uint8Array(bytes) : null;
}
