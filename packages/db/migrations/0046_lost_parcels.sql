DROP INDEX "logistics_shipments_order_live_uq";--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "suspected_lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "suspected_lost_reason" text;--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "lost_by" text;--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "lost_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "logistics_shipments_order_live_uq" ON "logistics_shipments" USING btree ("order_ref","direction") WHERE "logistics_shipments"."state" not in ('cancelled', 'lost', 'returned');