CREATE TABLE "payments_order_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"source" text NOT NULL,
	"transfer_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"out_trade_no" text NOT NULL,
	"channel" text NOT NULL,
	"customer_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"description" text NOT NULL,
	"purpose" text NOT NULL,
	"reference" text NOT NULL,
	"credit_account_id" text NOT NULL,
	"state" text NOT NULL,
	"channel_trade_no" text,
	"cashier_url" text,
	"failure_reason" text,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"next_query_at" timestamp with time zone,
	"query_attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "payments_order_changes_order_idx" ON "payments_order_changes" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_orders_out_trade_no_uq" ON "payments_orders" USING btree ("out_trade_no");--> statement-breakpoint
CREATE INDEX "payments_orders_reference_idx" ON "payments_orders" USING btree ("purpose","reference");--> statement-breakpoint
CREATE INDEX "payments_orders_next_query_idx" ON "payments_orders" USING btree ("state","next_query_at");