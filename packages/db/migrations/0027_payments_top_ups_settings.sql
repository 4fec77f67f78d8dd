CREATE TABLE "payments_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments_orders" ADD COLUMN "posting_code" text DEFAULT 'payments.payment' NOT NULL;--> statement-breakpoint
ALTER TABLE "wallet_top_ups" ADD COLUMN "payment_id" text;