CREATE TABLE "payments_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"out_request_no" text NOT NULL,
	"out_refund_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reason" text NOT NULL,
	"state" text NOT NULL,
	"requested_by" text NOT NULL,
	"approved_by" text,
	"transfer_id" text,
	"failure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_refunds_request_uq" ON "payments_refunds" USING btree ("order_id","out_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_refunds_out_refund_no_uq" ON "payments_refunds" USING btree ("out_refund_no");