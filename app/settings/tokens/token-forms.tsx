"use client";

import { useActionState, useState } from "react";
import { CopyButton } from "@/app/_components/copy-button";
import { createTokenAction, revokeTokenAction } from "./actions";

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, {});
  return (
    <div>
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <div>
          <label htmlFor="token-name" className="label">
            Token name
          </label>
          <input id="token-name" name="name" required maxLength={100} placeholder="e.g. laptop CLI, CI publish job" className="input" />
        </div>
        <div>
          <label htmlFor="token-scope" className="label">
            Role
          </label>
          <select id="token-scope" name="scope" defaultValue="read" className="input">
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      {state.error && (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
      {state.created && (
        <div role="status" className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950">
          <p className="text-sm font-semibold text-emerald-900 dark:text-emerald-200">
            New {state.created.scope} token “{state.created.name}”. Copy it now: you won&apos;t see it again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-token" className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-sm dark:bg-zinc-900">
              {state.created.token}
            </code>
            <CopyButton text={state.created.token} />
          </div>
        </div>
      )}
    </div>
  );
}

export function RevokeButton({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="btn-secondary h-8 px-3 text-xs" onClick={() => setConfirming(true)} aria-label={`Revoke token ${name}`}>
        Revoke
      </button>
    );
  }
  return (
    <form action={revokeTokenAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn-danger h-8 px-3 text-xs" autoFocus>
        Confirm revoke
      </button>
      <button type="button" className="h-8 px-2 text-xs text-zinc-600 hover:underline dark:text-zinc-400" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
