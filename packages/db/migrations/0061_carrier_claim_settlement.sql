CREATE TABLE "rental_carrier_claim_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"claim_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reference" text NOT NULL,
	"received_on" date NOT NULL,
	"transfer_id" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "booked_transfer_id" text;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "paid_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "written_off_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "write_off_reason" text;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "write_off_requested_by" text;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "write_off_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "decision_note" text;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rental_carrier_claims" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "rental_carrier_claim_payments" ADD CONSTRAINT "rental_carrier_claim_payments_claim_id_rental_carrier_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."rental_carrier_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rental_carrier_claim_payments_reference_uq" ON "rental_carrier_claim_payments" USING btree ("claim_id","reference");--> statement-breakpoint
CREATE INDEX "rental_carrier_claims_state_idx" ON "rental_carrier_claims" USING btree ("state","filed_at");