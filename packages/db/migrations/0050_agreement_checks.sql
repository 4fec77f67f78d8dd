ALTER TABLE "payments_agreements" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments_sandbox_agreements" ADD COLUMN "notify_url" text DEFAULT '' NOT NULL;