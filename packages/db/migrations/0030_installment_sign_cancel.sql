ALTER TABLE "installment_orders" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "refunded_minor" bigint;