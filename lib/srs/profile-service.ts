/**
 * The header's XP, level and streak. A user made outside Auth.js's events (an OAuth sign-up whose
 * event failed) gets their profile row here on first sight, so every page has one to show.
 */
import "server-only";
import { ensureProfile, getProfile } from "@/db/queries/users";
import { localDate } from "@/lib/dates";
import { now } from "@/lib/request-clock";
import { currentStreak } from "./streak";

export type HeaderStats = { xp: number; level: number; streak: number };

export async function headerStats(userId: string): Promise<HeaderStats> {
  let profile = await getProfile(userId);
  if (!profile) {
    await ensureProfile(userId);
    profile = await getProfile(userId);
  }
  if (!profile) return { xp: 0, level: 1, streak: 0 };
  // The stored streak is as of the last active day; a gap since then shows as 0.
  return { xp: profile.xp, level: profile.level, streak: currentStreak(profile, localDate(await now(), profile.timezone)) };
}
