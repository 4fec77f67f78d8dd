CREATE TABLE "installment_funder_settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"funder_id" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"amount_minor" bigint NOT NULL,
	"bank_reference" text NOT NULL,
	"status" text NOT NULL,
	"transfer_id" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"paid_on" date,
	"reject_reason" text
);
--> statement-breakpoint
ALTER TABLE "installment_order_funders" ADD COLUMN "disbursement_reversed_on" date;--> statement-breakpoint
CREATE INDEX "installment_funder_settlements_funder_idx" ON "installment_funder_settlements" USING btree ("funder_id","requested_at");