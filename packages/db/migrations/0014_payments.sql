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
CREATE TABLE "payments_sandbox_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"keys" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_sandbox_knobs" (
	"id" text PRIMARY KEY NOT NULL,
	"knobs" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_sandbox_notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"trade_id" text NOT NULL,
	"url" text NOT NULL,
	"body" text NOT NULL,
	"content_type" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status" integer,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_sandbox_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"trade_id" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_sandbox_trades" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"merchant_id" text NOT NULL,
	"out_trade_no" text NOT NULL,
	"channel_trade_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"description" text NOT NULL,
	"notify_url" text NOT NULL,
	"state" text NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"paid_after_close" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "payments_order_changes_order_idx" ON "payments_order_changes" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_orders_out_trade_no_uq" ON "payments_orders" USING btree ("out_trade_no");--> statement-breakpoint
CREATE INDEX "payments_orders_reference_idx" ON "payments_orders" USING btree ("purpose","reference");--> statement-breakpoint
CREATE INDEX "payments_orders_next_query_idx" ON "payments_orders" USING btree ("state","next_query_at");--> statement-breakpoint
CREATE INDEX "payments_sandbox_notifications_due_idx" ON "payments_sandbox_notifications" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_refunds_out_refund_no_uq" ON "payments_sandbox_refunds" USING btree ("trade_id","out_refund_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_trades_out_trade_no_uq" ON "payments_sandbox_trades" USING btree ("channel","merchant_id","out_trade_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_trades_channel_trade_no_uq" ON "payments_sandbox_trades" USING btree ("channel","channel_trade_no");