ALTER TABLE "payments_orders" ADD COLUMN "posting_code" text DEFAULT 'payments.payment' NOT NULL;--> statement-breakpoint
ALTER TABLE "wallet_top_ups" ADD COLUMN "payment_id" text;