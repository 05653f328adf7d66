import type { Metadata } from "next";
import { registry } from "@/lib/registry";
import { requireUser } from "../_lib/session";
import { Uploader } from "./uploader";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Publish an ESM" };

export default async function NewEsmPage() {
  const user = await requireUser("/new");
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-bold">Publish an ESM</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        An ESM repo holds <span className="font-mono">config.json</span> (which dataset and base model it maps) and <span className="font-mono">model.safetensors</span> (the linear map). Both
        are checked here before anything is sent, and again by the hub before anything is stored. Prefer the terminal? <span className="font-mono">esmhub publish ./my-esm --repo {user.name}/ESM_name</span>.
      </p>
      <div className="mt-8">
        <Uploader owner={user.name} knownBaseModels={registry().knownBaseModels ?? {}} />
      </div>
    </main>
  );
}
