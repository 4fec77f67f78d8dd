DROP INDEX "payments_agreements_active_checked_idx";--> statement-breakpoint
ALTER TABLE "payments_agreements" ADD COLUMN "recheck_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments_agreements" ADD COLUMN "recheck_failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "payments_agreements_recheck_idx" ON "payments_agreements" USING btree ("recheck_at","id") WHERE "payments_agreements"."state" = 'active' and "payments_agreements"."unsign_requested_at" is null;--> statement-breakpoint
-- Active agreements keep their weekly re-check: a week after their last check, or after they came into force.
UPDATE "payments_agreements" SET "recheck_at" = coalesce("last_checked_at", "updated_at") + interval '7 days'
WHERE "state" = 'active';
