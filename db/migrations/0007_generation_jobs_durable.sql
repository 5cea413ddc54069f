ALTER TABLE "generation_jobs" ADD COLUMN "passages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD COLUMN "context" jsonb;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD COLUMN "cards" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD COLUMN "cancel_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
-- Runs started before generation became a queued job lived only as long as their request: any still
-- marked waiting or running can never finish now.
UPDATE "generation_jobs" SET "status" = 'failed', "error" = 'Interrupted by an upgrade of Studyin. Questions completed before it are saved.', "finished_at" = now() WHERE "status" IN ('pending', 'running');
