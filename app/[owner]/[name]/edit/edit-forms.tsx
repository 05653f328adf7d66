"use client";

import { useActionState, useState } from "react";
import { deleteEsm, saveCard, type FormState } from "./actions";

function Problems({ state }: { state: FormState }) {
  if (!state.error) return null;
  return (
    <div role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <p className="font-medium">{state.error}</p>
      {state.problems && (
        <ul className="mt-1 list-disc pl-5">
          {state.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CardEditor({ fullName, initial }: { fullName: string; initial: string }) {
  const [state, action, pending] = useActionState(saveCard.bind(null, fullName), {});
  return (
    <form action={action} className="space-y-3">
      <label htmlFor="card" className="label">
        README.md (YAML front matter, then Markdown)
      </label>
      <textarea id="card" name="card" defaultValue={initial} rows={22} spellCheck={false} className="input h-auto py-2 font-mono text-[0.8rem] leading-relaxed" />
      <div>
        <label htmlFor="message" className="label">
          Commit message
        </label>
        <input id="message" name="message" placeholder="Update README.md" className="input" />
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save card"}
        </button>
        {state.saved && (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            Saved. <a className="link" href={`/${fullName}`}>View the ESM page</a>
          </p>
        )}
      </div>
      <Problems state={state} />
    </form>
  );
}

export function DeleteForm({ fullName }: { fullName: string }) {
  const [state, action, pending] = useActionState(deleteEsm.bind(null, fullName), {});
  const [typed, setTyped] = useState("");
  return (
    <form action={action} className="space-y-3">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        This deletes <strong className="font-mono">{fullName}</strong>, its files and its history. It cannot be undone.
      </p>
      <label htmlFor="confirm" className="label">
        Type <span className="font-mono">{fullName}</span> to confirm
      </label>
      <input id="confirm" name="confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} className="input" />
      <button type="submit" className="btn-danger" disabled={pending || typed.trim() !== fullName}>
        {pending ? "Deleting…" : "Delete this ESM"}
      </button>
      <Problems state={state} />
    </form>
  );
}
