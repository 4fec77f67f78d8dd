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
CREATE TABLE "payments_authorisation_operations" (
	"id" text PRIMARY KEY NOT NULL,
	"authorisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"out_request_no" text NOT NULL,
	"channel_request_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"credit_account_id" text,
	"state" text NOT NULL,
	"channel_trade_no" text,
	"transfer_id" text,
	"failure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_authorisations" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"customer_id" text NOT NULL,
	"out_request_no" text NOT NULL,
	"out_order_no" text NOT NULL,
	"description" text NOT NULL,
	"reference" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	"fund_minor" bigint DEFAULT 0 NOT NULL,
	"captured_minor" bigint DEFAULT 0 NOT NULL,
	"released_minor" bigint DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"channel_auth_no" text,
	"failure_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
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
CREATE TABLE "payments_sandbox_authorisation_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"authorisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"request_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"trade_no" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments_sandbox_authorisations" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"merchant_id" text NOT NULL,
	"out_order_no" text NOT NULL,
	"auth_no" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"credit_minor" bigint NOT NULL,
	"fund_minor" bigint NOT NULL,
	"captured_minor" bigint DEFAULT 0 NOT NULL,
	"released_minor" bigint DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payments_orders" ADD COLUMN "agreement_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_agreements_out_request_no_uq" ON "payments_agreements" USING btree ("out_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_agreements_external_no_uq" ON "payments_agreements" USING btree ("external_agreement_no");--> statement-breakpoint
CREATE INDEX "payments_agreements_customer_idx" ON "payments_agreements" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_authorisation_operations_request_uq" ON "payments_authorisation_operations" USING btree ("authorisation_id","out_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_authorisation_operations_channel_request_uq" ON "payments_authorisation_operations" USING btree ("channel_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_authorisations_out_request_no_uq" ON "payments_authorisations" USING btree ("out_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_authorisations_out_order_no_uq" ON "payments_authorisations" USING btree ("out_order_no");--> statement-breakpoint
CREATE INDEX "payments_authorisations_reference_idx" ON "payments_authorisations" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_refunds_request_uq" ON "payments_refunds" USING btree ("order_id","out_request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_refunds_out_refund_no_uq" ON "payments_refunds" USING btree ("out_refund_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_agreements_external_uq" ON "payments_sandbox_agreements" USING btree ("channel","merchant_id","external_agreement_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_agreements_no_uq" ON "payments_sandbox_agreements" USING btree ("agreement_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_authorisation_requests_uq" ON "payments_sandbox_authorisation_requests" USING btree ("authorisation_id","kind","request_no");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_sandbox_authorisations_out_order_no_uq" ON "payments_sandbox_authorisations" USING btree ("channel","merchant_id","out_order_no");