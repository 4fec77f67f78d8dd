CREATE TABLE "risk_device_enrolments" (
	"id" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"imei" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"device_id" text,
	"requested_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "risk_devices_imei_uq";--> statement-breakpoint
DROP INDEX "risk_devices_provider_uq";--> statement-breakpoint
ALTER TABLE "risk_devices" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "risk_devices" ADD COLUMN "release_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_device_enrolments_reference_uq" ON "risk_device_enrolments" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "risk_device_enrolments_pending_idx" ON "risk_device_enrolments" USING btree ("requested_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "risk_devices_imei_uq" ON "risk_devices" USING btree ("imei") WHERE released_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_devices_provider_uq" ON "risk_devices" USING btree ("provider_device_id") WHERE released_at is null;