CREATE TABLE "block_items" (
	"block_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"question_id" uuid NOT NULL,
	"selected_index" smallint,
	"confidence" smallint,
	"time_spent_seconds" integer DEFAULT 0 NOT NULL,
	"attempt_id" uuid,
	"idempotency_key" text DEFAULT gen_random_uuid()::text NOT NULL,
	CONSTRAINT "block_items_block_id_position_pk" PRIMARY KEY("block_id","position"),
	CONSTRAINT "block_items_selected" CHECK ("block_items"."selected_index" IS NULL OR "block_items"."selected_index" BETWEEN 0 AND 4),
	CONSTRAINT "block_items_confidence" CHECK ("block_items"."confidence" IS NULL OR "block_items"."confidence" BETWEEN 1 AND 5),
	CONSTRAINT "block_items_time" CHECK ("block_items"."time_spent_seconds" >= 0)
);
--> statement-breakpoint
CREATE TABLE "blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"criteria" jsonb NOT NULL,
	"question_count" smallint NOT NULL,
	"time_limit_seconds" integer,
	"elapsed_seconds" integer DEFAULT 0 NOT NULL,
	"current_position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "blocks_count" CHECK ("blocks"."question_count" BETWEEN 1 AND 40),
	CONSTRAINT "blocks_time" CHECK ("blocks"."time_limit_seconds" IS NULL OR "blocks"."time_limit_seconds" > 0),
	CONSTRAINT "blocks_elapsed" CHECK ("blocks"."elapsed_seconds" >= 0),
	CONSTRAINT "blocks_position" CHECK ("blocks"."current_position" >= 0 AND "blocks"."current_position" < "blocks"."question_count"),
	CONSTRAINT "blocks_timed_limit" CHECK (("blocks"."mode" = 'timed') = ("blocks"."time_limit_seconds" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "question_marks" (
	"user_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_marks_user_id_question_id_pk" PRIMARY KEY("user_id","question_id")
);
--> statement-breakpoint
ALTER TABLE "user_profiles" ADD COLUMN "exam_date" date;--> statement-breakpoint
ALTER TABLE "block_items" ADD CONSTRAINT "block_items_block_id_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."blocks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "block_items" ADD CONSTRAINT "block_items_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "block_items" ADD CONSTRAINT "block_items_attempt_id_user_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."user_attempts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blocks" ADD CONSTRAINT "blocks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_marks" ADD CONSTRAINT "question_marks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_marks" ADD CONSTRAINT "question_marks_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "block_items_block_question_idx" ON "block_items" USING btree ("block_id","question_id");--> statement-breakpoint
CREATE INDEX "block_items_question_idx" ON "block_items" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "blocks_user_created_idx" ON "blocks" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "question_marks_question_idx" ON "question_marks" USING btree ("question_id");