CREATE TABLE "accounts" (
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_provider_account_id_pk" PRIMARY KEY("provider","provider_account_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"session_token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text,
	"email" text NOT NULL,
	"email_verified" timestamp with time zone,
	"image" text,
	"password_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_identifier_token_pk" PRIMARY KEY("identifier","token")
);
--> statement-breakpoint
CREATE TABLE "user_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"xp" integer DEFAULT 0 NOT NULL,
	"level" integer DEFAULT 1 NOT NULL,
	"streak" integer DEFAULT 0 NOT NULL,
	"best_streak" integer DEFAULT 0 NOT NULL,
	"last_activity_date" date,
	"total_questions_answered" integer DEFAULT 0 NOT NULL,
	"total_correct_answers" integer DEFAULT 0 NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_profiles_xp_nonneg" CHECK ("user_profiles"."xp" >= 0),
	CONSTRAINT "user_profiles_level_pos" CHECK ("user_profiles"."level" >= 1),
	CONSTRAINT "user_profiles_streak_nonneg" CHECK ("user_profiles"."streak" >= 0 AND "user_profiles"."best_streak" >= "user_profiles"."streak"),
	CONSTRAINT "user_profiles_totals" CHECK ("user_profiles"."total_correct_answers" >= 0 AND "user_profiles"."total_correct_answers" <= "user_profiles"."total_questions_answered")
);
--> statement-breakpoint
CREATE TABLE "material_chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"material_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"page_start" integer,
	"page_end" integer,
	"heading" text,
	"content" text NOT NULL,
	"word_count" integer DEFAULT 0 NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', coalesce(heading, '') || ' ' || content)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "material_chunks_pages" CHECK ("material_chunks"."page_start" IS NULL OR ("material_chunks"."page_start" >= 1 AND "material_chunks"."page_end" >= "material_chunks"."page_start"))
);
--> statement-breakpoint
CREATE TABLE "materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"page_count" integer,
	"chunk_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'stored' NOT NULL,
	"progress" jsonb,
	"failure_reason" text,
	"needs_reindex" boolean DEFAULT false NOT NULL,
	"embedder" text,
	"content_hash" text,
	"archived" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "materials_size_nonneg" CHECK ("materials"."size_bytes" >= 0),
	CONSTRAINT "materials_failed_has_reason" CHECK ("materials"."status" <> 'failed' OR "materials"."failure_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "collection_questions" (
	"collection_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_questions_collection_id_question_id_pk" PRIMARY KEY("collection_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collections_name_length" CHECK (char_length("collections"."name") BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "generation_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"request" jsonb NOT NULL,
	"requested_count" integer NOT NULL,
	"generated_count" integer DEFAULT 0 NOT NULL,
	"saved_count" integer DEFAULT 0 NOT NULL,
	"dropped_count" integer DEFAULT 0 NOT NULL,
	"drops" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"model" text,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_jobs_counts" CHECK ("generation_jobs"."requested_count" BETWEEN 1 AND 20 AND "generation_jobs"."saved_count" >= 0 AND "generation_jobs"."dropped_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "prompt_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"template" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_templates_weight_pos" CHECK ("prompt_templates"."weight" > 0),
	CONSTRAINT "prompt_templates_version_pos" CHECK ("prompt_templates"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "question_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_flags_reason_length" CHECK (char_length("question_flags"."reason") BETWEEN 1 AND 1000)
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"material_id" uuid,
	"generation_job_id" uuid,
	"topic" text NOT NULL,
	"difficulty" smallint NOT NULL,
	"vignette" text NOT NULL,
	"lead_in" text NOT NULL,
	"options" jsonb NOT NULL,
	"correct_index" smallint NOT NULL,
	"explanation" text NOT NULL,
	"option_explanations" jsonb NOT NULL,
	"source_chunk_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source_quote" text,
	"generation_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prompt_template_id" uuid,
	"prompt_template_version" integer,
	"quality_score" real DEFAULT 0 NOT NULL,
	"times_answered" integer DEFAULT 0 NOT NULL,
	"times_correct" integer DEFAULT 0 NOT NULL,
	"times_flagged" integer DEFAULT 0 NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', topic || ' ' || vignette || ' ' || lead_in || ' ' || explanation)) STORED NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_difficulty_range" CHECK ("questions"."difficulty" BETWEEN 1 AND 5),
	CONSTRAINT "questions_options_shape" CHECK (jsonb_typeof("questions"."options") = 'array' AND jsonb_array_length("questions"."options") BETWEEN 4 AND 5),
	CONSTRAINT "questions_correct_index_range" CHECK ("questions"."correct_index" >= 0 AND "questions"."correct_index" < jsonb_array_length("questions"."options")),
	CONSTRAINT "questions_option_explanations_shape" CHECK (jsonb_typeof("questions"."option_explanations") = 'array' AND jsonb_array_length("questions"."option_explanations") = jsonb_array_length("questions"."options")),
	CONSTRAINT "questions_quality_range" CHECK ("questions"."quality_score" >= 0 AND "questions"."quality_score" <= 1),
	CONSTRAINT "questions_counts" CHECK ("questions"."times_answered" >= 0 AND "questions"."times_correct" >= 0 AND "questions"."times_correct" <= "questions"."times_answered" AND "questions"."times_flagged" >= 0)
);
--> statement-breakpoint
CREATE TABLE "review_schedules" (
	"user_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"easiness" real NOT NULL,
	"interval_days" integer DEFAULT 0 NOT NULL,
	"repetitions" integer DEFAULT 0 NOT NULL,
	"next_review_date" date,
	"review_status" text DEFAULT 'new' NOT NULL,
	"last_attempt_id" uuid,
	"last_answered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_schedules_user_id_question_id_pk" PRIMARY KEY("user_id","question_id"),
	CONSTRAINT "review_schedules_sm2" CHECK ("review_schedules"."easiness" > 0 AND "review_schedules"."interval_days" >= 0 AND "review_schedules"."repetitions" >= 0),
	CONSTRAINT "review_schedules_dated" CHECK ("review_schedules"."review_status" = 'new' OR "review_schedules"."next_review_date" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "user_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"selected_index" smallint NOT NULL,
	"is_correct" boolean NOT NULL,
	"confidence" smallint NOT NULL,
	"time_taken_seconds" integer NOT NULL,
	"grade" smallint NOT NULL,
	"xp_earned" integer NOT NULL,
	"easiness_after" real NOT NULL,
	"interval_after" integer NOT NULL,
	"repetitions_after" integer NOT NULL,
	"next_review_date" date NOT NULL,
	"review_status_after" text NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"idempotency_key" text NOT NULL,
	CONSTRAINT "user_attempts_time_taken" CHECK ("user_attempts"."time_taken_seconds" BETWEEN 1 AND 3600),
	CONSTRAINT "user_attempts_confidence" CHECK ("user_attempts"."confidence" BETWEEN 1 AND 5),
	CONSTRAINT "user_attempts_selected" CHECK ("user_attempts"."selected_index" BETWEEN 0 AND 4),
	CONSTRAINT "user_attempts_grade" CHECK ("user_attempts"."grade" BETWEEN 0 AND 5),
	CONSTRAINT "user_attempts_xp" CHECK ("user_attempts"."xp_earned" >= 0),
	CONSTRAINT "user_attempts_sm2" CHECK ("user_attempts"."easiness_after" > 0 AND "user_attempts"."interval_after" >= 0 AND "user_attempts"."repetitions_after" >= 0),
	CONSTRAINT "user_attempts_idempotency_length" CHECK (char_length("user_attempts"."idempotency_key") BETWEEN 8 AND 100)
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_profiles" ADD CONSTRAINT "user_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_chunks" ADD CONSTRAINT "material_chunks_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_chunks" ADD CONSTRAINT "material_chunks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "materials" ADD CONSTRAINT "materials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_questions" ADD CONSTRAINT "collection_questions_collection_id_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collection_questions" ADD CONSTRAINT "collection_questions_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collections" ADD CONSTRAINT "collections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_flags" ADD CONSTRAINT "question_flags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_flags" ADD CONSTRAINT "question_flags_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_generation_job_id_generation_jobs_id_fk" FOREIGN KEY ("generation_job_id") REFERENCES "public"."generation_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_prompt_template_id_prompt_templates_id_fk" FOREIGN KEY ("prompt_template_id") REFERENCES "public"."prompt_templates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_attempts" ADD CONSTRAINT "user_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_attempts" ADD CONSTRAINT "user_attempts_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_profiles_xp_idx" ON "user_profiles" USING btree ("xp" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "material_chunks_material_ordinal_idx" ON "material_chunks" USING btree ("material_id","ordinal");--> statement-breakpoint
CREATE INDEX "material_chunks_user_idx" ON "material_chunks" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "material_chunks_tsv_idx" ON "material_chunks" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "materials_user_created_idx" ON "materials" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "collection_questions_question_idx" ON "collection_questions" USING btree ("question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "collections_user_name_idx" ON "collections" USING btree ("user_id","name");--> statement-breakpoint
CREATE INDEX "generation_jobs_user_created_idx" ON "generation_jobs" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "prompt_templates_name_version_idx" ON "prompt_templates" USING btree ("name","version");--> statement-breakpoint
CREATE INDEX "question_flags_question_idx" ON "question_flags" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "question_flags_user_idx" ON "question_flags" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "questions_user_topic_idx" ON "questions" USING btree ("user_id","topic");--> statement-breakpoint
CREATE INDEX "questions_user_difficulty_idx" ON "questions" USING btree ("user_id","difficulty");--> statement-breakpoint
CREATE INDEX "questions_quality_idx" ON "questions" USING btree ("quality_score" DESC NULLS LAST) WHERE "questions"."quality_score" > 0.7;--> statement-breakpoint
CREATE INDEX "questions_topic_difficulty_user_idx" ON "questions" USING btree ("topic","difficulty","user_id");--> statement-breakpoint
CREATE INDEX "questions_tsv_idx" ON "questions" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "questions_tags_idx" ON "questions" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "questions_user_created_idx" ON "questions" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "questions_material_idx" ON "questions" USING btree ("material_id");--> statement-breakpoint
CREATE INDEX "review_schedules_due_idx" ON "review_schedules" USING btree ("user_id","next_review_date") WHERE "review_schedules"."review_status" IN ('learning', 'reviewing', 'mastered');--> statement-breakpoint
CREATE INDEX "review_schedules_question_idx" ON "review_schedules" USING btree ("question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_attempts_idempotency_idx" ON "user_attempts" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "user_attempts_user_question_idx" ON "user_attempts" USING btree ("user_id","question_id");--> statement-breakpoint
CREATE INDEX "user_attempts_recent_idx" ON "user_attempts" USING btree ("user_id","answered_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "user_attempts_correctness_idx" ON "user_attempts" USING btree ("user_id","is_correct","answered_at");--> statement-breakpoint
CREATE INDEX "user_attempts_question_idx" ON "user_attempts" USING btree ("question_id");