"use server";

import { revalidatePath } from "next/cache";
import { createToken, registry, RegistryError, revokeToken } from "@/lib/registry";
import { requireUser } from "@/app/_lib/session";

export interface CreateTokenState {
  error?: string;
  created?: { token: string; name: string; scope: string };
}

export async function createTokenAction(_prev: CreateTokenState, form: FormData): Promise<CreateTokenState> {
  const user = await requireUser("/settings/tokens");
  const name = String(form.get("name") ?? "");
  const scope = form.get("scope") === "write" ? "write" : "read";
  try {
    const created = await createToken(registry().db, user.id, { name, scope });
    revalidatePath("/settings/tokens");
    return { created: { token: created.token, name: created.name, scope: created.scope } };
  } catch (err) {
    if (err instanceof RegistryError) return { error: err.message };
    throw err;
  }
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const user = await requireUser("/settings/tokens");
  try {
    await revokeToken(registry().db, user.id, String(form.get("id") ?? ""));
  } catch (err) {
    // Revoking a token that is already revoked leaves the same state the user asked for.
    if (!(err instanceof RegistryError)) throw err;
  }
  revalidatePath("/settings/tokens");
}
