// next-auth v5 setup: username + password always, GitHub when AUTH_GITHUB_ID/AUTH_GITHUB_SECRET are set.
// Sessions are JWTs carrying the hub user id and session version; the signing secret comes from AUTH_SECRET or the
// data folder. Every session read checks the version against the database, so sign-out ends copied cookies too.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { dataDir } from "@/lib/config";
import { clientAddress } from "@/lib/auth/login-throttle";
import { authenticatePassword, createUser, registry } from "@/lib/registry";
import { bumpSessionVersion, sessionIsCurrent, userNameTaken } from "@/lib/registry/users";
import { authSecret } from "@/lib/site/auth-secret";
import { isReservedName } from "@/lib/site/reserved-names";
import { uniqueUserName } from "@/lib/site/usernames";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; image?: string | null };
  }
  interface User {
    sessionVersion?: number;
  }
}

/** Too many failed attempts for the account or the address: the sign-in form says so instead of "wrong password". */
export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterMs: number) {
    super();
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
  const name = await uniqueUserName(login, async (n) => isReservedName(n) || (await userNameTaken(db, n)));
  return createUser(db, { name, githubId, fullname: fullname ?? undefined });
}

function config(): NextAuthConfig {
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { username: { label: "User name" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const username = typeof credentials?.username === "string" ? credentials.username.trim() : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!username || !password) return null;
        const result = await authenticatePassword(registry().db, { name: username, password, ip: clientAddress(request.headers) });
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new ThrottledSignin(result.retryAfterMs);
        return null;
      },
    }),
  ];
  if (githubEnabled()) providers.push(GitHub({ clientId: process.env.AUTH_GITHUB_ID, clientSecret: process.env.AUTH_GITHUB_SECRET }));

  return {
    trustHost: true,
    secret: authSecret(dataDir()),
    session: { strategy: "jwt" },
    pages: { signIn: "/signin" },
    // A wrong password or a throttled attempt is an expected outcome shown on the form, not a server error worth a
    // stack trace. (instanceof, not the class name: the production bundle may rename classes.)
    logger: {
      error(error) {
        if (!(error instanceof CredentialsSignin)) console.error(error);
      },
    },
    providers,
    events: {
      // Signing out anywhere ends every session of the user, including cookies copied before.
      async signOut(message) {
        const uid = "token" in message ? message.token?.uid : undefined;
        if (typeof uid === "string") await bumpSessionVersion(registry().db, uid);
      },
    },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "github" && profile) {
          const hubUser = await userForGithub(String(profile.id), String(profile.login ?? "user"), typeof profile.name === "string" ? profile.name : null);
          token.uid = hubUser.id;
          token.name = hubUser.name;
          token.sv = hubUser.sessionVersion;
        } else if (user?.id) {
          token.uid = user.id;
          token.name = user.name;
          token.sv = user.sessionVersion ?? 0;
        } else if (typeof token.uid === "string") {
          // Tokens from before session versions count as version 0, the version every user starts with.
          const version = typeof token.sv === "number" ? token.sv : 0;
          // null ends the session: next-auth clears the cookie and auth() answers no session.
          if (!(await sessionIsCurrent(registry().db, token.uid, version))) return null;
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
