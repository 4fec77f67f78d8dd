ALTER TABLE "payments_agreements" ADD COLUMN "unsign_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments_agreements" ADD COLUMN "unsign_last_error" text;--> statement-breakpoint
ALTER TABLE "payments_agreements" ADD COLUMN "unsign_alerted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments_agreements" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payments_agreements_active_checked_idx" ON "payments_agreements" USING btree ("last_checked_at") WHERE "payments_agreements"."state" = 'active';