/**
 * XP and levels.
 *
 * XP per answer (the design review's rule, docs/architecture-review.md "Gamification Integration"):
 * round(XP_BASE * difficulty multiplier), +5 if correct, +3 if confidence >= 4. Multipliers by
 * difficulty 1-5: 1.0, 1.25, 1.5, 1.75, 2.0. With XP_BASE = 10 an answer earns 10-28 XP. Wrong
 * answers still earn the base: showing up is what builds the habit.
 *
 * Level curve: reaching level L takes 50 * L * (L - 1) XP in total, i.e. each level costs 100 XP
 * more than the one before (100 to level 2, 200 more to level 3, 300 more to level 4, ...).
 * About 5 correct answers reach level 2; level 10 takes 4,500 XP (roughly 250 answers).
 */
export const DIFFICULTY_MULTIPLIERS: Readonly<Record<number, number>> = { 1: 1, 2: 1.25, 3: 1.5, 4: 1.75, 5: 2 };
export const CORRECT_BONUS = 5;
export const CONFIDENCE_BONUS = 3;
export const CONFIDENT_AT = 4;

export function xpForAnswer(a: { difficulty: number; isCorrect: boolean; confidence: number }, baseXp: number): number {
  const mult = DIFFICULTY_MULTIPLIERS[a.difficulty] ?? 1;
  return Math.round(baseXp * mult) + (a.isCorrect ? CORRECT_BONUS : 0) + (a.confidence >= CONFIDENT_AT ? CONFIDENCE_BONUS : 0);
}

/** Total XP at which `level` starts. */
export function xpForLevel(level: number): number {
  return 50 * level * (level - 1);
}

export function levelForXp(xp: number): number {
  // Closed form of 50 L (L-1) <= xp, then corrected for float error at the boundaries.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (4 * Math.max(0, xp)) / 50)) / 2));
  while (xpForLevel(level + 1) <= xp) level++;
  while (level > 1 && xpForLevel(level) > xp) level--;
  return level;
}

export type LevelProgress = {
  level: number;
  xp: number;
  /** XP where the current level started and where the next begins. */
  levelStartXp: number;
  nextLevelXp: number;
  /** XP earned inside this level, and still needed for the next. */
  intoLevel: number;
  toNext: number;
  /** 0-1 share of the way to the next level. */
  fraction: number;
};

export function levelProgress(xp: number): LevelProgress {
  const level = levelForXp(xp);
  const levelStartXp = xpForLevel(level);
  const nextLevelXp = xpForLevel(level + 1);
  const intoLevel = xp - levelStartXp;
  return {
    level,
    xp,
    levelStartXp,
    nextLevelXp,
    intoLevel,
    toNext: nextLevelXp - xp,
    fraction: intoLevel / (nextLevelXp - levelStartXp),
  };
}
