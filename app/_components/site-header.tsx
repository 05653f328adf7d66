import Link from "next/link";
import { signOut } from "@/auth";
import { currentUser } from "@/app/_lib/session";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/" });
}

export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900">
        Skip to content
      </a>
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:gap-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-bold tracking-tight">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-xs font-black text-white">
            ESM
          </span>
          <span className="hidden sm:inline">ESM Hub</span>
        </Link>
        <form action="/esms" role="search" className="min-w-0 flex-1 sm:max-w-sm">
          <label htmlFor="site-search" className="sr-only">
            Search ESMs
          </label>
          <input id="site-search" name="q" type="search" placeholder="Search ESMs, datasets, columns…" className="input h-8" />
        </form>
        <nav aria-label="Main" className="hidden items-center gap-4 text-sm font-medium md:flex">
          <Link href="/esms" className="hover:text-indigo-600 dark:hover:text-indigo-400">
            ESMs
          </Link>
          <Link href="/datasets" className="hover:text-indigo-600 dark:hover:text-indigo-400">
            Datasets
          </Link>
        </nav>
        <div className="ml-auto flex shrink-0 items-center gap-2">
          {user ? (
            <>
              <Link href="/new" className="btn-primary h-8 px-3">
                <span aria-hidden>+</span> New ESM
              </Link>
              <details className="relative">
                <summary className="flex h-8 cursor-pointer list-none items-center gap-1 rounded-md px-2 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label={`Account menu for ${user.name}`}>
                  <span aria-hidden className="grid h-6 w-6 place-items-center rounded-full bg-zinc-200 text-xs font-bold uppercase dark:bg-zinc-700">
                    {user.name.slice(0, 1)}
                  </span>
                  <span className="hidden max-w-32 truncate sm:inline">{user.name}</span>
                </summary>
                <div className="absolute right-0 mt-1 w-48 rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
                  <Link href={`/${user.name}`} className="block px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    Your profile
                  </Link>
                  <Link href="/settings/tokens" className="block px-3 py-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                    Access tokens
                  </Link>
                  <form action={signOutAction}>
                    <button type="submit" className="block w-full px-3 py-2 text-left hover:bg-zinc-100 dark:hover:bg-zinc-800">
                      Sign out
                    </button>
                  </form>
                </div>
              </details>
            </>
          ) : (
            <>
              <Link href="/signin" className="rounded-md px-2 py-1 text-sm font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
                Sign in
              </Link>
              <Link href="/signup" className="btn-primary h-8 px-3">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
