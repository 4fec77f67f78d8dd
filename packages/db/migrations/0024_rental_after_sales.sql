CREATE TABLE "rental_after_sales" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"quote_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"billed_minor" bigint NOT NULL,
	"bill_id" text,
	"contract_id" text,
	"detail" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "renewals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "rental_after_sales_order_idx" ON "rental_after_sales" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rental_after_sales_open_uq" ON "rental_after_sales" USING btree ("order_id") WHERE "rental_after_sales"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "rental_after_sales_bill_uq" ON "rental_after_sales" USING btree ("bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rental_after_sales_contract_uq" ON "rental_after_sales" USING btree ("contract_id");