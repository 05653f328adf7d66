import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { registry, type Actor } from "@/lib/registry";

/** The signed-in hub user of this request (one lookup per render), or null. A deleted user counts as signed out. */
export const currentUser = cache(async () => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return registry().db.user.findUnique({ where: { id }, select: { id: true, name: true, fullname: true, createdAt: true } });
});

/** The signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string) {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** A browser session acts with write scope: the registry still checks ownership on every change. */
export function actorOf(user: { id: string; name: string }): Actor {
  return { id: user.id, name: user.name, scope: "write" };
}
