import bcrypt from "bcryptjs";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_COST = 10;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 72; // bcrypt ignores bytes past 72

/**
 * A bcrypt hash of a random secret at PASSWORD_COST: an unknown user is checked against it, so that the answer
 * takes as long as for a real user with a wrong password and timing does not reveal which names exist.
 */
const DUMMY_HASH = "$2b$10$jig7m2oJ3lZQbBWo5r404eEMPS6Lk3siLljy8FXwdv53s/BLGdXGS";

/** Why a new password is refused, or null. `userName` is the account it is for, when known. */
export function checkPasswordPolicy(password: string, userName?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (Buffer.byteLength(password) > PASSWORD_MAX_LENGTH) return `password must have at most ${PASSWORD_MAX_LENGTH} bytes`;
  if (!password.trim()) return "password must not be only spaces";
  const lower = password.toLowerCase();
  if (userName && lower === userName.toLowerCase()) return "password must not be your user name";
  if (COMMON_PASSWORDS.has(lower)) return "this password is one of the most common ones; choose another";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_COST);
}

/** Checks `password` against `hash`, or against a dummy hash of the same cost when there is none (unknown user). */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return matches && Boolean(hash);
}
