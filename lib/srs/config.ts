/** SM-2, XP and retirement parameters from the one configuration. */
import { type Env, getEnv } from "@/lib/env";
import type { RetirementRule } from "./quality";
import type { Sm2Params } from "./sm2";

export function sm2Params(e: Env = getEnv()): Sm2Params {
  return {
    minEasiness: e.SM2_MIN_EASINESS,
    maxEasiness: e.SM2_MAX_EASINESS,
    initialEasiness: e.SM2_INITIAL_EASINESS,
    initialInterval: e.SM2_INITIAL_INTERVAL,
    secondInterval: e.SM2_SECOND_INTERVAL,
    masteredIntervalDays: e.SM2_MASTERED_INTERVAL_DAYS,
  };
}

export function retirementRule(e: Env = getEnv()): RetirementRule {
  return { minAnswers: e.QUALITY_RETIRE_MIN_ANSWERS, flagRate: e.QUALITY_RETIRE_FLAG_RATE };
}
