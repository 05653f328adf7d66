import { redirect } from "next/navigation";
import { githubEnabled } from "@/auth";
import { signInWithGithub } from "@/app/_lib/auth-actions";
import { currentUser } from "@/app/_lib/session";

export function returnPath(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/";
}

/** The frame of the sign-in and sign-up pages; a signed-in visitor goes straight on. */
export async function AuthPage({ title, callbackUrl, children }: { title: string; callbackUrl: string; children: React.ReactNode }) {
  if (await currentUser()) redirect(callbackUrl);
  return (
    <main className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-center text-2xl font-bold">{title}</h1>
      <div className="card mt-6 p-6">
        {githubEnabled() && (
          <>
            <form action={signInWithGithub}>
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button type="submit" className="btn-secondary w-full">
                Continue with GitHub
              </button>
            </form>
            <p className="my-4 text-center text-xs uppercase tracking-wide text-zinc-500">or</p>
          </>
        )}
        {children}
      </div>
    </main>
  );
}
