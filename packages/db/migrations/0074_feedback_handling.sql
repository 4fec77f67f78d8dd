CREATE TABLE "feedback_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"feedback_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "handling_state" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "assignee_id" text;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
-- The entries stored before handling existed: due by the rule of handling-sla.ts (a bad rating 24 h,
-- device or billing 48 h, others 72 h; anonymous ones from the end of their day, in the product's
-- default time zone Asia/Shanghai); those already replied to are resolved at their first reply, by
-- its author.
UPDATE "feedback_entries" SET "due_at" =
  (CASE WHEN "anonymous" THEN ("submitted_on" + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' ELSE "submitted_at" END)
  + make_interval(hours => LEAST(
      72,
      CASE WHEN "rating" = 'bad' THEN 24 ELSE 72 END,
      CASE WHEN "auto_category" IN ('device', 'billing') THEN 48 ELSE 72 END
    ));--> statement-breakpoint
UPDATE "feedback_entries" e SET
  "handling_state" = 'resolved',
  "resolved_at" = e."replied_at",
  "assignee_id" = (
    SELECT r."staff_id" FROM "feedback_replies" r WHERE r."feedback_id" = e."id" ORDER BY r."created_at", r."id" LIMIT 1
  )
WHERE e."replied_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_entries" ALTER COLUMN "due_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_notes_feedback_idx" ON "feedback_notes" USING btree ("feedback_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_entries_due_idx" ON "feedback_entries" USING btree ("handling_state","due_at","id");