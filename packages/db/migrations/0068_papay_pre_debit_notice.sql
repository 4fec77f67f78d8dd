ALTER TABLE "payments_orders" ADD COLUMN "papay_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments_sandbox_agreements" ADD COLUMN "notice_amount_minor" bigint;