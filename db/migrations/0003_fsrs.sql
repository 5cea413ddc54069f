ALTER TABLE "user_profiles" ADD COLUMN "scheduler" text DEFAULT 'sm2' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "desired_retention" double precision DEFAULT 0.9 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "maximum_interval" integer DEFAULT 36500 NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "fsrs_weights" double precision[];--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "fsrs_weights_reviews" integer;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "scheduler_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD COLUMN "fsrs_stability" double precision;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD COLUMN "fsrs_difficulty" double precision;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD COLUMN "fsrs_state" smallint;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD COLUMN "fsrs_last_review" date;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD COLUMN "fsrs_due" date;--> statement-breakpoint
ALTER TABLE "user_attempts" ADD COLUMN "scheduler" text DEFAULT 'sm2' NOT NULL;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_scheduler" CHECK ("user_profiles"."scheduler" IN ('sm2', 'fsrs'));--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_retention" CHECK ("user_profiles"."desired_retention" BETWEEN 0.7 AND 0.97);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_max_interval" CHECK ("user_profiles"."maximum_interval" BETWEEN 1 AND 36500);--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_fsrs_weights" CHECK ("user_profiles"."fsrs_weights" IS NULL OR cardinality("user_profiles"."fsrs_weights") = 21);--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_fsrs" CHECK ("review_schedules"."fsrs_stability" IS NULL OR ("review_schedules"."fsrs_stability" > 0 AND "review_schedules"."fsrs_difficulty" BETWEEN 1 AND 10 AND "review_schedules"."fsrs_state" BETWEEN 0 AND 3 AND "review_schedules"."fsrs_last_review" IS NOT NULL AND "review_schedules"."fsrs_due" IS NOT NULL));