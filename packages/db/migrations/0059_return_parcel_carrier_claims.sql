CREATE TABLE "rental_carrier_claims" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"shipment_id" text NOT NULL,
	"carrier" text NOT NULL,
	"waybill_no" text NOT NULL,
	"unit_id" text,
	"imei" text,
	"state" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"residual_value_minor" bigint NOT NULL,
	"declared_value_minor" bigint NOT NULL,
	"reason" text NOT NULL,
	"lost_on" date NOT NULL,
	"filed_by" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rental_carrier_claims_shipment_uq" ON "rental_carrier_claims" USING btree ("shipment_id");--> statement-breakpoint
CREATE INDEX "rental_carrier_claims_order_idx" ON "rental_carrier_claims" USING btree ("order_id");