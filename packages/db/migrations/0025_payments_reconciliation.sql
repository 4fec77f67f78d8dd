CREATE TABLE "payments_reconciliation_mismatches" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"kind" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"channel_trade_no" text,
	"order_id" text,
	"our_amount_minor" bigint,
	"their_amount_minor" bigint,
	"resolution" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_reconciliation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"business_date" text NOT NULL,
	"statement_count" integer NOT NULL,
	"our_count" integer NOT NULL,
	"matched_count" integer NOT NULL,
	"mismatch_count" integer NOT NULL,
	"statement_total_minor" bigint NOT NULL,
	"our_total_minor" bigint NOT NULL,
	"fee_total_minor" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "payments_reconciliation_mismatches_run_idx" ON "payments_reconciliation_mismatches" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "payments_reconciliation_runs_date_idx" ON "payments_reconciliation_runs" USING btree ("business_date","channel");