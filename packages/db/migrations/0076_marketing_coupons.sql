CREATE TABLE "marketing_coupon_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" integer DEFAULT 0 NOT NULL,
	"percent_bps" integer DEFAULT 0 NOT NULL,
	"free_days" integer DEFAULT 0 NOT NULL,
	"threshold_minor" integer DEFAULT 0 NOT NULL,
	"cap_minor" integer,
	"target" text NOT NULL,
	"valid_from_date" text NOT NULL,
	"valid_to_date" text NOT NULL,
	"first_order_only" boolean DEFAULT false NOT NULL,
	"per_customer_limit" integer DEFAULT 1 NOT NULL,
	"total_stock" integer,
	"issued_count" integer DEFAULT 0 NOT NULL,
	"stackable" boolean DEFAULT false NOT NULL,
	"code" text,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "marketing_coupon_templates_stock_check" CHECK ("marketing_coupon_templates"."total_stock" is null or "marketing_coupon_templates"."issued_count" <= "marketing_coupon_templates"."total_stock")
);
--> statement-breakpoint
CREATE TABLE "marketing_customer_coupons" (
	"id" text PRIMARY KEY NOT NULL,
	"template_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"granted_by" text,
	"order_id" text,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "marketing_customer_coupons" ADD CONSTRAINT "marketing_customer_coupons_template_id_marketing_coupon_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."marketing_coupon_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "marketing_coupon_templates_code_key" ON "marketing_coupon_templates" USING btree ("code");--> statement-breakpoint
CREATE INDEX "marketing_customer_coupons_customer_idx" ON "marketing_customer_coupons" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "marketing_customer_coupons_order_idx" ON "marketing_customer_coupons" USING btree ("order_id");