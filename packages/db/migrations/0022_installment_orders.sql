CREATE TABLE "installment_order_bills" (
	"order_id" text NOT NULL,
	"kind" text NOT NULL,
	"sequence" integer NOT NULL,
	"bill_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"due_date" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "installment_order_bills_order_id_kind_sequence_pk" PRIMARY KEY("order_id","kind","sequence")
);
--> statement-breakpoint
CREATE TABLE "installment_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"offer_id" text NOT NULL,
	"status" text NOT NULL,
	"price_minor" bigint NOT NULL,
	"down_payment_minor" bigint NOT NULL,
	"principal_minor" bigint NOT NULL,
	"offer_terms" jsonb NOT NULL,
	"quote" jsonb NOT NULL,
	"plan" jsonb,
	"billed_periods" integer NOT NULL,
	"decision_id" text,
	"decision_outcome" text,
	"contract_id" text,
	"activated_on" date,
	"paid_off_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "installment_prepayments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"sequence" integer NOT NULL,
	"strategy" text NOT NULL,
	"paid_periods" integer NOT NULL,
	"effective_date" date NOT NULL,
	"principal_minor" bigint NOT NULL,
	"interest_minor" bigint NOT NULL,
	"fee_minor" bigint NOT NULL,
	"total_minor" bigint NOT NULL,
	"quote" jsonb NOT NULL,
	"bill_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "installment_order_bills_bill_uq" ON "installment_order_bills" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "installment_orders_customer_idx" ON "installment_orders" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "installment_orders_status_idx" ON "installment_orders" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "installment_prepayments_order_seq_uq" ON "installment_prepayments" USING btree ("order_id","sequence");