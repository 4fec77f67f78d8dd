CREATE TABLE "logistics_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "lost_settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "logistics_shipments" ADD COLUMN "lost_settlement" text;--> statement-breakpoint
-- Lost parcels already decided before this migration leave the desk's list: another outbound parcel of
-- the same order was sent after it (补发), or its rental order is cancelled.
UPDATE "logistics_shipments" AS l SET "lost_settled_at" = l."updated_at", "lost_settlement" = 'reshipped'
WHERE l."state" = 'lost' AND l."direction" = 'outbound' AND EXISTS (
  SELECT 1 FROM "logistics_shipments" AS n
  WHERE n."order_ref" = l."order_ref" AND n."direction" = 'outbound' AND n."created_at" > l."created_at"
);--> statement-breakpoint
UPDATE "logistics_shipments" AS l SET "lost_settled_at" = l."updated_at", "lost_settlement" = 'order_cancelled'
WHERE l."state" = 'lost' AND l."direction" = 'outbound' AND l."lost_settled_at" IS NULL
  AND l."order_ref" IN (SELECT "id" FROM "rental_orders" WHERE "status" = 'cancelled');
