CREATE TABLE "rental_order_events" (
	"order_id" text NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"facts" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "rental_order_events_order_id_seq_pk" PRIMARY KEY("order_id","seq")
);
--> statement-breakpoint
CREATE TABLE "rental_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"status" text NOT NULL,
	"open_after_sale" text,
	"plan" jsonb NOT NULL,
	"add_ons" jsonb NOT NULL,
	"market_price_minor" bigint NOT NULL,
	"quote" jsonb NOT NULL,
	"first_payment_minor" bigint NOT NULL,
	"deposit_minor" bigint NOT NULL,
	"deposit_waived_minor" bigint NOT NULL,
	"deposit_to_hold_minor" bigint NOT NULL,
	"decision_id" text,
	"decision_outcome" text,
	"decision_reason_codes" jsonb NOT NULL,
	"unit_id" text,
	"contract_id" text,
	"address_ciphertext" text NOT NULL,
	"city" text NOT NULL,
	"signed_at" timestamp with time zone,
	"payment_deadline_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"delivered_on" date,
	"rent_start_date" date,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rental_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rental_orders_customer_idx" ON "rental_orders" USING btree ("customer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "rental_orders_status_idx" ON "rental_orders" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "rental_orders_payment_deadline_idx" ON "rental_orders" USING btree ("payment_deadline_at") WHERE "rental_orders"."status" = 'awaiting_payment';