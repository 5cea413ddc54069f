/**
 * Auth.js v5: email + password (Credentials, JWT sessions) and GitHub when AUTH_GITHUB_ID/SECRET
 * are set. Sign-in attempts are throttled (lib/auth/throttle.ts) before the password is checked.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { ensureProfile } from "@/db/queries/users";
import { getEnv } from "@/lib/env";
import { sameOriginPath } from "./callback-url";
import { authorizeCredentials } from "./credentials";
import { endSession, isSessionLive, newSessionClaims, sessionRef } from "./revocation";
import { authSecret } from "./secret";
import { SESSION_MAX_AGE_SECONDS } from "./session-token";

async function buildConfig(): Promise<NextAuthConfig> {
  const env = getEnv();
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (raw, request) => authorizeCredentials(raw, request.headers),
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET)
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));

  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users as never,
      accountsTable: accounts as never,
      sessionsTable: sessions as never,
      verificationTokensTable: verificationTokens as never,
    }),
    providers,
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in" },
    logger: {
      // A wrong password is an answer, not a server error: the form says so, and the sign-in
      // throttle counts it. Everything else Auth.js reports is still logged.
      error(error: Error & { type?: string }) {
        if (error instanceof CredentialsSignin || error.type === "CredentialsSignin") return;
        console.error("[auth]", error);
      },
    },
    callbacks: {
      // Every URL Auth.js redirects to after signing in or out (redirectTo, a callbackUrl form field
      // or query parameter, the callback-url cookie) passes the same check as the sign-in page's.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${sameOriginPath(url, baseUrl) ?? "/dashboard"}`;
      },
      // At sign-in: a new session id and the user's session version (lib/auth/revocation.ts).
      // Afterwards, on every decode: null (no session) once the session was ended. The fast path
      // in lib/auth/session.ts makes the same check.
      async jwt({ token, user }) {
        if (user?.id) return { ...token, sub: user.id, ...(await newSessionClaims(user.id)) };
        const ref = sessionRef(token);
        if (!ref || !(await isSessionLive(ref))) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub && session.user) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      // Sign-out (the action or Auth.js's own route) ends this session on the server too, so a
      // copy of the cookie stops working.
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        const ref = token ? sessionRef(token) : null;
        if (ref && typeof token?.exp === "number") await endSession(ref, token.exp);
      },
      async createUser({ user }) {
        if (user.id) await ensureProfile(user.id);
      },
    },
  };
}

// Auth.js calls this on every auth() (every page, action and route): build the config once, and
// retry on the next call if building failed (e.g. the database was not reachable yet).
let config: Promise<NextAuthConfig> | undefined;
function cachedConfig(): Promise<NextAuthConfig> {
  config ??= buildConfig().catch((e: unknown) => {
    config = undefined;
    throw e;
  });
  return config;
}

export const { handlers, auth, signIn, signOut } = NextAuth(cachedConfig);

export const githubEnabled = () => Boolean(getEnv().AUTH_GITHUB_ID && getEnv().AUTH_GITHUB_SECRET);
