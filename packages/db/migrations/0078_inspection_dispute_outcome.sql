ALTER TABLE "rental_inspections" ADD COLUMN "dispute_outcome" text;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_credit_minor" bigint;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_waived_minor" bigint;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_refunds" jsonb;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_refund_state" text;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_resolved_by" text;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_note" text;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_approved_by" text;--> statement-breakpoint
ALTER TABLE "rental_inspections" ADD COLUMN "dispute_approved_at" timestamp with time zone;