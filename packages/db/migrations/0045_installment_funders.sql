CREATE TABLE "installment_funder_collections" (
	"payment_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"funder_id" text NOT NULL,
	"bill_id" text NOT NULL,
	"bill_kind" text NOT NULL,
	"sequence" integer NOT NULL,
	"collected_minor" bigint NOT NULL,
	"principal_minor" bigint NOT NULL,
	"interest_minor" bigint NOT NULL,
	"other_minor" bigint NOT NULL,
	"funder_principal_minor" bigint NOT NULL,
	"funder_interest_minor" bigint NOT NULL,
	"funder_share_minor" bigint NOT NULL,
	"platform_share_minor" bigint NOT NULL,
	"collected_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "installment_funders" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"principal_share_bps" integer NOT NULL,
	"interest_share_bps" integer NOT NULL,
	"payable_account_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "installment_order_funders" (
	"order_id" text PRIMARY KEY NOT NULL,
	"funder_id" text NOT NULL,
	"principal_share_bps" integer NOT NULL,
	"interest_share_bps" integer NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"disbursed_minor" bigint,
	"disbursed_on" date
);
--> statement-breakpoint
CREATE INDEX "installment_funder_collections_funder_idx" ON "installment_funder_collections" USING btree ("funder_id","collected_on");--> statement-breakpoint
CREATE INDEX "installment_funder_collections_order_idx" ON "installment_funder_collections" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "installment_funders_name_uq" ON "installment_funders" USING btree ("name");--> statement-breakpoint
CREATE INDEX "installment_order_funders_funder_idx" ON "installment_order_funders" USING btree ("funder_id");