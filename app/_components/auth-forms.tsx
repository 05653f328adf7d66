"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { signInWithPassword, signUpWithPassword, type AuthFormState } from "@/app/_lib/auth-actions";

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  );
}

function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {message}
    </p>
  );
}

interface FieldProps {
  name: "username" | "password" | "confirm";
  label: string;
  type?: string;
  autoComplete: string;
  state: AuthFormState;
  hint?: string;
  defaultValue?: string;
  /** Controlled value: React resets uncontrolled fields after a form action, which would clear typed passwords. */
  value?: string;
  onChange?: (value: string) => void;
}

function Field({ name, label, type = "text", autoComplete, state, hint, defaultValue, value, onChange }: FieldProps) {
  const error = state.fields?.[name];
  return (
    <div>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        required
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        value={value}
        onChange={onChange && ((e) => onChange(e.target.value))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : hint ? `${name}-hint` : undefined}
        className="input"
      />
      {hint && !error && (
        <p id={`${name}-hint`} className="mt-1 text-xs text-zinc-500">
          {hint}
        </p>
      )}
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInWithPassword, {});
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field name="username" label="User name" autoComplete="username" state={state} defaultValue={state.username} />
      <Field name="password" label="Password" type="password" autoComplete="current-password" state={state} />
      <FormError message={state.error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New here?{" "}
        <Link href={`/signup${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`} className="link">
          Create an account
        </Link>
      </p>
    </form>
  );
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signUpWithPassword, {});
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field name="username" label="User name" autoComplete="username" state={state} defaultValue={state.username} hint="Your namespace: your ESMs live at /your-name/…. Letters, digits, - _ and ." />
      <Field name="password" label="Password" type="password" autoComplete="new-password" state={state} value={password} onChange={setPassword} hint="At least 10 characters; not a common password or your user name." />
      <Field name="confirm" label="Repeat password" type="password" autoComplete="new-password" state={state} value={confirm} onChange={setConfirm} />
      <FormError message={state.error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Have an account?{" "}
        <Link href="/signin" className="link">
          Sign in
        </Link>
      </p>
    </form>
  );
}
