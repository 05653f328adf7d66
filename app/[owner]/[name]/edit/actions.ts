"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { CARD, commitFiles, deleteRepo, registry, RegistryError } from "@/lib/registry";
import { actorOf, requireUser } from "@/app/_lib/session";

export interface FormState {
  error?: string;
  problems?: string[];
  saved?: boolean;
}

function failure(err: unknown): FormState {
  if (err instanceof RegistryError) return { error: err.message, problems: err.problems.length > 1 ? err.problems : undefined };
  throw err;
}

export async function saveCard(fullName: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/${fullName}/edit`);
  const text = String(form.get("card") ?? "");
  const message = String(form.get("message") ?? "").trim() || "Update README.md";
  try {
    await commitFiles(registry(), actorOf(user), { kind: "esm", repo: fullName, message, files: [{ path: CARD, content: new TextEncoder().encode(text) }] });
  } catch (err) {
    return failure(err);
  }
  revalidatePath(`/${fullName}`);
  return { saved: true };
}

export async function deleteEsm(fullName: string, _prev: FormState, form: FormData): Promise<FormState> {
  const user = await requireUser(`/${fullName}/edit`);
  if (String(form.get("confirm") ?? "").trim() !== fullName) return { error: `Type ${fullName} to confirm.` };
  try {
    await deleteRepo(registry(), actorOf(user), "esm", fullName);
  } catch (err) {
    return failure(err);
  }
  redirect(`/${user.name}?deleted=${encodeURIComponent(fullName)}`);
}
