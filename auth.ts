// next-auth v5 setup: username + password always, GitHub when AUTH_GITHUB_ID/AUTH_GITHUB_SECRET are set.
// Sessions are JWTs carrying the hub user id; the signing secret comes from AUTH_SECRET or the data folder.
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { dataDir } from "@/lib/config";
import { authenticatePassword, createUser, registry } from "@/lib/registry";
import { authSecret } from "@/lib/site/auth-secret";
import { isReservedName } from "@/lib/site/reserved-names";
import { uniqueUserName } from "@/lib/site/usernames";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; image?: string | null };
  }
}

export function githubEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET);
}

/** The hub user behind a GitHub account: found by GitHub id, else created with a free name derived from the login. */
async function userForGithub(githubId: string, login: string, fullname: string | null) {
  const { db } = registry();
  const existing = await db.user.findUnique({ where: { githubId } });
  if (existing) return existing;
  const name = await uniqueUserName(login, async (n) => isReservedName(n) || Boolean(await db.user.findUnique({ where: { name: n } })));
  return createUser(db, { name, githubId, fullname: fullname ?? undefined });
}

function config(): NextAuthConfig {
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { username: { label: "User name" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const username = typeof credentials?.username === "string" ? credentials.username.trim() : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!username || !password) return null;
        const user = await authenticatePassword(registry().db, username, password);
        return user ? { id: user.id, name: user.name } : null;
      },
    }),
  ];
  if (githubEnabled()) providers.push(GitHub({ clientId: process.env.AUTH_GITHUB_ID, clientSecret: process.env.AUTH_GITHUB_SECRET }));

  return {
    trustHost: true,
    secret: authSecret(dataDir()),
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    // A wrong password is an expected outcome shown on the form, not a server error worth a stack trace.
    logger: {
      error(error) {
        if (error.name !== "CredentialsSignin") console.error(error);
      },
    },
    providers,
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "github" && profile) {
          const hubUser = await userForGithub(String(profile.id), String(profile.login ?? "user"), typeof profile.name === "string" ? profile.name : null);
          token.uid = hubUser.id;
          token.name = hubUser.name;
        } else if (user?.id) {
          token.uid = user.id;
          token.name = user.name;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user = { ...session.user, id: token.uid, name: String(token.name ?? "") };
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
