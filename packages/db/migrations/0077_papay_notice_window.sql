ALTER TABLE "payments_orders" ADD COLUMN "papay_notice_days" integer;--> statement-breakpoint
ALTER TABLE "payments_sandbox_agreements" ADD COLUMN "notice_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payments_sandbox_agreements" ADD COLUMN "notice_days" integer;