CREATE TABLE "material_blobs" (
	"material_id" uuid PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "material_blobs" ADD CONSTRAINT "material_blobs_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Uploads are mostly compressed already (PDF streams): store them out of line without TOAST's compression pass.
ALTER TABLE "material_blobs" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- Ingestions in flight when this runs belonged to the old in-process queue, whose files were never stored: they cannot resume.
DELETE FROM "material_chunks" WHERE "material_id" IN (SELECT "id" FROM "materials" WHERE "status" IN ('stored', 'extracting', 'chunking', 'embedding'));
--> statement-breakpoint
UPDATE "materials" SET "status" = 'failed', "chunk_count" = 0, "updated_at" = now(),
  "failure_reason" = 'Processing was interrupted by an upgrade. Please upload the file again.',
  "progress" = '{"stage":"failed","message":"Processing was interrupted by an upgrade. Please upload the file again."}'::jsonb
WHERE "status" IN ('stored', 'extracting', 'chunking', 'embedding');
