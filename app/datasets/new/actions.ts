"use server";

import { redirect } from "next/navigation";
import { actorOf, currentUser } from "@/app/_lib/session";
import { ingestFields } from "@/app/api/rankings/_lib/ingest-fields";
import { DatasetError } from "@/lib/datasets";
import { registry, RegistryError } from "@/lib/registry";
import { ingestTarget } from "@/lib/targets";

export interface UploadState {
  error?: string;
  /** Which field the error is about, to show it there. */
  field?: "file" | "name" | "columns";
  values?: Record<string, string>;
}

const COLUMN_ERRORS = new Set(["missing_column", "no_text_column", "no_label_column", "missing_label", "bad_label", "one_class", "constant_target", "bad_option"]);

/** Stores the uploaded target as a dataset repo and opens its page; any problem comes back inline, nothing stored. */
export async function uploadTarget(_prev: UploadState, form: FormData): Promise<UploadState> {
  const user = await currentUser();
  const values = Object.fromEntries(["name", "text_columns", "label_column", "task_type", "num_examples", "description", "language"].map((k) => [k, String(form.get(k) ?? "")]));
  if (!user) return { error: "Sign in to upload a dataset.", values };
  let fullName: string;
  try {
    fullName = (await ingestTarget(registry(), actorOf(user), await ingestFields(form))).fullName;
  } catch (err) {
    if (err instanceof DatasetError) return { error: err.message, field: COLUMN_ERRORS.has(err.code) ? "columns" : "file", values };
    if (err instanceof RegistryError) return { error: err.message, field: /name/.test(err.message) || err.code === "Conflict" ? "name" : "file", values };
    throw err;
  }
  redirect(`/datasets/${fullName}`);
}
