CREATE TABLE "logistics_counters" (
	"name" text PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "logistics_sandbox_parcels" (
	"waybill_no" text PRIMARY KEY NOT NULL,
	"parcel" jsonb NOT NULL,
	"pushed_events" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "logistics_shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"order_ref" text NOT NULL,
	"carrier" text NOT NULL,
	"waybill_no" text NOT NULL,
	"state" text NOT NULL,
	"summary" jsonb NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_event_at" timestamp with time zone,
	"first_scan_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"created_by" text,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "logistics_webhook_nonces" (
	"carrier" text NOT NULL,
	"nonce" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "logistics_webhook_nonces_carrier_nonce_pk" PRIMARY KEY("carrier","nonce")
);
--> statement-breakpoint
CREATE INDEX "logistics_sandbox_parcels_open_idx" ON "logistics_sandbox_parcels" USING btree ("updated_at") WHERE "logistics_sandbox_parcels"."finished" = 0;--> statement-breakpoint
CREATE UNIQUE INDEX "logistics_shipments_waybill_uq" ON "logistics_shipments" USING btree ("carrier","waybill_no");--> statement-breakpoint
CREATE UNIQUE INDEX "logistics_shipments_order_live_uq" ON "logistics_shipments" USING btree ("order_ref","direction") WHERE "logistics_shipments"."state" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "logistics_shipments_list_idx" ON "logistics_shipments" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "logistics_shipments_state_idx" ON "logistics_shipments" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "logistics_webhook_nonces_expiry_idx" ON "logistics_webhook_nonces" USING btree ("expires_at");