CREATE TABLE "wallet_bank_cards" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"token" text NOT NULL,
	"last4" text NOT NULL,
	"bank_name" text NOT NULL,
	"card_number_enc" text NOT NULL,
	"card_number_index" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_bill_split_shares" (
	"split_id" text NOT NULL,
	"position" integer NOT NULL,
	"customer_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"transfer_id" text,
	"paid_at" timestamp with time zone,
	CONSTRAINT "wallet_bill_split_shares_split_id_position_pk" PRIMARY KEY("split_id","position")
);
--> statement-breakpoint
CREATE TABLE "wallet_bill_splits" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"title" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wallet_cashbacks" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reason" text NOT NULL,
	"source_ref" text NOT NULL,
	"transfer_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"transfer_id" text NOT NULL,
	"type" text NOT NULL,
	"description" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"resolution" text,
	"resolution_amount_minor" bigint,
	"resolution_note" text,
	"resolution_transfer_id" text,
	"resolved_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wallet_points_lots" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"points" integer NOT NULL,
	"remaining" integer NOT NULL,
	"reason" text NOT NULL,
	"source_ref" text NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_second_factors" (
	"customer_id" text PRIMARY KEY NOT NULL,
	"secret_enc" text NOT NULL,
	"status" text NOT NULL,
	"last_step" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wallet_top_ups" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"channel" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"channel_trade_no" text,
	"transfer_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wallet_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"to_customer_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"note" text,
	"transfer_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_withdrawals" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"bank_card_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"business_date" date NOT NULL,
	"status" text NOT NULL,
	"failure_reason" text,
	"hold_transfer_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_bank_cards_customer_card_uq" ON "wallet_bank_cards" USING btree ("customer_id","card_number_index") WHERE "wallet_bank_cards"."status" = 'active';--> statement-breakpoint
CREATE INDEX "wallet_bank_cards_customer_idx" ON "wallet_bank_cards" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "wallet_bill_split_shares_customer_idx" ON "wallet_bill_split_shares" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "wallet_bill_splits_customer_idx" ON "wallet_bill_splits" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "wallet_bill_splits_open_idx" ON "wallet_bill_splits" USING btree ("expires_at") WHERE "wallet_bill_splits"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_cashbacks_source_uq" ON "wallet_cashbacks" USING btree ("source_ref");--> statement-breakpoint
CREATE INDEX "wallet_cashbacks_customer_idx" ON "wallet_cashbacks" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "wallet_disputes_customer_idx" ON "wallet_disputes" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "wallet_disputes_queue_idx" ON "wallet_disputes" USING btree ("status","sla_due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_disputes_open_per_transfer_uq" ON "wallet_disputes" USING btree ("transfer_id") WHERE "wallet_disputes"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_points_lots_source_uq" ON "wallet_points_lots" USING btree ("source_ref");--> statement-breakpoint
CREATE INDEX "wallet_points_lots_customer_idx" ON "wallet_points_lots" USING btree ("customer_id","expires_at");--> statement-breakpoint
CREATE INDEX "wallet_points_lots_expiring_idx" ON "wallet_points_lots" USING btree ("expires_at") WHERE "wallet_points_lots"."remaining" > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_top_ups_out_trade_no_uq" ON "wallet_top_ups" USING btree ("out_trade_no");--> statement-breakpoint
CREATE INDEX "wallet_top_ups_customer_idx" ON "wallet_top_ups" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "wallet_transfers_customer_idx" ON "wallet_transfers" USING btree ("customer_id","id");--> statement-breakpoint
CREATE INDEX "wallet_transfers_to_idx" ON "wallet_transfers" USING btree ("to_customer_id");--> statement-breakpoint
CREATE INDEX "wallet_withdrawals_customer_day_idx" ON "wallet_withdrawals" USING btree ("customer_id","business_date");