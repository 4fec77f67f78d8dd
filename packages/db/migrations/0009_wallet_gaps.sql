CREATE TABLE "wallet_step_up_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "wallet_bank_cards" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wallet_disputes" ADD COLUMN "sla_breached_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "wallet_step_up_codes_customer_idx" ON "wallet_step_up_codes" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "wallet_disputes_sla_watch_idx" ON "wallet_disputes" USING btree ("sla_due_at") WHERE "wallet_disputes"."status" = 'open' and "wallet_disputes"."sla_breached_at" is null;--> statement-breakpoint
CREATE INDEX "wallet_withdrawals_processing_card_idx" ON "wallet_withdrawals" USING btree ("bank_card_id") WHERE "wallet_withdrawals"."status" = 'processing';