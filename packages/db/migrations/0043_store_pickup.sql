CREATE TABLE "logistics_pickup_stores" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"address" jsonb NOT NULL,
	"open_hour" integer NOT NULL,
	"close_hour" integer NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "logistics_store_parcels" (
	"waybill_no" text PRIMARY KEY NOT NULL,
	"store_code" text NOT NULL,
	"parcel" jsonb NOT NULL,
	"shelf_until" timestamp with time zone,
	"code_id" text,
	"finished" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "pickup_store_code" text;--> statement-breakpoint
CREATE INDEX "logistics_store_parcels_store_idx" ON "logistics_store_parcels" USING btree ("store_code","updated_at");--> statement-breakpoint
CREATE INDEX "logistics_store_parcels_shelf_idx" ON "logistics_store_parcels" USING btree ("shelf_until") WHERE "logistics_store_parcels"."finished" = 0;