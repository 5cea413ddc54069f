/**
 * Sign-in throttling (the Credentials provider has none built in), checked before the password:
 * - per address: SIGNIN_LIMIT_PER_IP attempts, whatever the emails;
 * - per email *and* address: SIGNIN_LIMIT_PER_EMAIL, so guesses from one place cannot lock the
 *   owner out from another (the owner's address has its own count);
 * - per email from everywhere: SIGNIN_LIMIT_PER_EMAIL_GLOBAL, a much higher backstop against
 *   guessing spread over many addresses (0 turns it off).
 */
import { getEnv } from "@/lib/env";
import { limiter } from "@/lib/ratelimit";

export function signInLimits() {
  const env = getEnv();
  const window = env.SIGNIN_LIMIT_WINDOW_SECONDS;
  const byIp = limiter("signin-ip", { tokens: env.SIGNIN_LIMIT_PER_IP, windowSeconds: window });
  const byEmailAndIp = limiter("signin-email-ip", { tokens: env.SIGNIN_LIMIT_PER_EMAIL, windowSeconds: window });
  const byEmail = env.SIGNIN_LIMIT_PER_EMAIL_GLOBAL
    ? limiter("signin-email", { tokens: env.SIGNIN_LIMIT_PER_EMAIL_GLOBAL, windowSeconds: window })
    : null;
  const signUpByIp = limiter("signup-ip", { tokens: env.SIGNIN_LIMIT_PER_IP, windowSeconds: window });
  const message = "Too many sign-in attempts.";
  return {
    async check(email: string, ip: string) {
      await byIp.consume(ip, message);
      await byEmailAndIp.consume(`${ip}|${email}`, message); // an address never contains "|"
      await byEmail?.consume(email, message);
    },
    async checkSignUp(ip: string) {
      await signUpByIp.consume(ip, "Too many sign-up attempts from this network.");
    },
  };
}
