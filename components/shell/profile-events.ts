/**
 * The header's XP, level and streak are rendered by the layout, which does not re-render when a
 * card is answered. The answer card announces the profile the server returned; the header listens.
 */
export const PROFILE_EVENT = "studyin:profile";

export type ProfileStats = { xp: number; level: number; streak: number };

export function announceProfile(stats: ProfileStats) {
  window.dispatchEvent(new CustomEvent<ProfileStats>(PROFILE_EVENT, { detail: stats }));
}
