ALTER TABLE "payments_agreements" ADD COLUMN "recheck_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments_agreements" ADD COLUMN "recheck_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Active agreements keep their weekly re-check: a week after their last check, or after they came into force.
UPDATE "payments_agreements" SET "recheck_at" = coalesce("last_checked_at", "updated_at") + interval '7 days'
WHERE "state" = 'active';
