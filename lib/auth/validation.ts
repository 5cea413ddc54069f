/** Schemas shared by the sign-in/sign-up forms, their actions and the Credentials provider. */
import { z } from "zod";
import { isValidTimeZone } from "@/lib/dates";
import { safeLine } from "@/lib/validation";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address." }));

export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

export const timezoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimeZone, "Unknown time zone.");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
  callbackUrl: z.string().max(2000).optional(),
});

export const signUpSchema = z.object({
  name: safeLine().trim().max(100).optional().transform((v) => v || undefined),
  email: emailSchema,
  password: passwordSchema,
  timezone: timezoneSchema.optional().catch(undefined),
  callbackUrl: z.string().max(2000).optional(),
});
