CREATE TABLE "payments_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"customer_id" text NOT NULL,
	"out_request_no" text NOT NULL,
	"external_agreement_no" text NOT NULL,
	"reference" text NOT NULL,
	"per_charge_max_minor" bigint NOT NULL,
	"period_days" integer NOT NULL,
	"state" text NOT NULL,
	"channel_agreement_no" text,
	"sign_url" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_sandbox_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"merchant_id" text NOT NULL,
	"external_agreement_no" text NOT NULL,
	"agreement_no" text NOT NULL,
	"single_amount_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payments_orders" ADD COLUMN "agreement_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_agreements_out_request_no_uq" ON "payments_agreements" USING btree ("out_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_agreements_external_no_uq" ON "payments_agreements" USING btree ("external_agreement_no");--> statement-breakpoint
CREATE INDEX "payments_agreements_customer_idx" ON "payments_agreements" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_agreements_external_uq" ON "payments_sandbox_agreements" USING btree ("channel","merchant_id","external_agreement_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_agreements_no_uq" ON "payments_sandbox_agreements" USING btree ("agreement_no");