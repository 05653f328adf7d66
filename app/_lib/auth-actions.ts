"use server";

import { AuthError } from "next-auth";
import { signIn, ThrottledSignin } from "@/auth";
import { checkPasswordPolicy } from "@/lib/auth/password";
import { createUser, nameProblem, registry, RegistryError } from "@/lib/registry";
import { isReservedName } from "@/lib/site/reserved-names";

export interface AuthFormState {
  error?: string;
  fields?: Partial<Record<"username" | "password" | "confirm", string>>;
  username?: string;
}

/** Only same-site paths: an open redirect through sign-in would be a phishing aid. */
function safeReturn(value: FormDataEntryValue | null): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}

export async function signInWithPassword(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const username = String(form.get("username") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!username || !password) return { error: "Enter your user name and password.", username };
  try {
    await signIn("credentials", { username, password, redirectTo: safeReturn(form.get("callbackUrl")) });
  } catch (err) {
    if (err instanceof ThrottledSignin) {
      const minutes = Math.max(1, Math.ceil(err.retryAfterMs / 60_000));
      return { error: `Too many failed sign-ins for this account or network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, username };
    }
    if (err instanceof AuthError) return { error: "Wrong user name or password.", username };
    throw err;
  }
  return {};
}

export async function signUpWithPassword(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const username = String(form.get("username") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const confirm = String(form.get("confirm") ?? "");
  const fields: AuthFormState["fields"] = {};
  const problem = nameProblem(username, "user name");
  if (problem) fields.username = problem;
  else if (isReservedName(username)) fields.username = `"${username}" is used by the site itself; choose another name`;
  const weak = checkPasswordPolicy(password, username);
  if (weak) fields.password = weak;
  if (confirm !== password) fields.confirm = "the two passwords differ";
  if (Object.keys(fields).length) return { fields, username };
  try {
    await createUser(registry().db, { name: username, password });
  } catch (err) {
    if (err instanceof RegistryError) return { fields: { username: err.message }, username };
    throw err;
  }
  return signInWithPassword({}, form);
}

export async function signInWithGithub(form: FormData) {
  await signIn("github", { redirectTo: safeReturn(form.get("callbackUrl")) });
}
