CREATE TABLE "billing_bill_lines" (
	"bill_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"paid_minor" bigint NOT NULL,
	"waived_minor" bigint NOT NULL,
	CONSTRAINT "billing_bill_lines_bill_id_position_pk" PRIMARY KEY("bill_id","position")
);
--> statement-breakpoint
CREATE TABLE "billing_bills" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"period" integer NOT NULL,
	"title" text NOT NULL,
	"currency" text NOT NULL,
	"due_date" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"paid_minor" bigint NOT NULL,
	"waived_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"issued_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"waive_reason" text
);
--> statement-breakpoint
CREATE TABLE "billing_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"method" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"allocations" jsonb NOT NULL,
	"transfer_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "billing_bills_source_period_uq" ON "billing_bills" USING btree ("source_type","source_id","period");--> statement-breakpoint
CREATE INDEX "billing_bills_customer_idx" ON "billing_bills" USING btree ("customer_id","due_date","id");--> statement-breakpoint
CREATE INDEX "billing_bills_open_due_idx" ON "billing_bills" USING btree ("due_date") WHERE "billing_bills"."status" = 'open';--> statement-breakpoint
CREATE INDEX "billing_payments_bill_idx" ON "billing_payments" USING btree ("bill_id","created_at");