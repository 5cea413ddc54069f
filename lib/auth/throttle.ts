/** Sign-in throttling, per email and per IP (the Credentials provider has none built in). */
import { getEnv } from "@/lib/env";
import { limiter } from "@/lib/ratelimit";

export function signInLimits() {
  const env = getEnv();
  const window = env.SIGNIN_LIMIT_WINDOW_SECONDS;
  const byEmail = limiter("signin-email", { tokens: env.SIGNIN_LIMIT_PER_EMAIL, windowSeconds: window });
  const byIp = limiter("signin-ip", { tokens: env.SIGNIN_LIMIT_PER_IP, windowSeconds: window });
  const signUpByIp = limiter("signup-ip", { tokens: env.SIGNIN_LIMIT_PER_IP, windowSeconds: window });
  const message = "Too many sign-in attempts.";
  return {
    async check(email: string, ip: string) {
      await byIp.consume(ip, message);
      await byEmail.consume(email, message);
    },
    async checkSignUp(ip: string) {
      await signUpByIp.consume(ip, "Too many sign-up attempts from this network.");
    },
  };
}
