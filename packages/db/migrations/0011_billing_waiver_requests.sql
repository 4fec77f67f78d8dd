CREATE TABLE "billing_waiver_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_id" text NOT NULL,
	"positions" jsonb,
	"requested_minor" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"waived_minor" bigint
);
--> statement-breakpoint
CREATE UNIQUE INDEX "billing_waiver_requests_pending_uq" ON "billing_waiver_requests" USING btree ("bill_id") WHERE "billing_waiver_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "billing_waiver_requests_status_idx" ON "billing_waiver_requests" USING btree ("status","requested_at");