/** The student's scheduler settings, validated the same way by the settings form and any route. */
import { z } from "zod";
import { SCHEDULERS } from "@/db/schema/profiles";
import type { FsrsSettings } from "./fsrs";

export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;
export const MAX_INTERVAL_LIMIT = 36500;

export const SchedulerSettingsInput = z.object({
  scheduler: z.enum(SCHEDULERS),
  desiredRetention: z.coerce
    .number()
    .min(RETENTION_MIN, `Desired retention must be between ${RETENTION_MIN} and ${RETENTION_MAX}.`)
    .max(RETENTION_MAX, `Desired retention must be between ${RETENTION_MIN} and ${RETENTION_MAX}.`),
  maximumInterval: z.coerce
    .number()
    .int("Maximum interval must be a whole number of days.")
    .min(1, `Maximum interval must be 1-${MAX_INTERVAL_LIMIT} days.`)
    .max(MAX_INTERVAL_LIMIT, `Maximum interval must be 1-${MAX_INTERVAL_LIMIT} days.`),
});
export type SchedulerSettingsInput = z.infer<typeof SchedulerSettingsInput>;

export type SchedulerSettings = SchedulerSettingsInput & { fsrsWeights: number[] | null };

export const fsrsSettingsOf = (s: Pick<SchedulerSettings, "desiredRetention" | "maximumInterval" | "fsrsWeights">): FsrsSettings => ({
  desiredRetention: s.desiredRetention,
  maximumInterval: s.maximumInterval,
  weights: s.fsrsWeights,
});
