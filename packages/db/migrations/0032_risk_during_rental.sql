CREATE TABLE "risk_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"device_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"alert_date" date NOT NULL,
	"status" text NOT NULL,
	"detail" jsonb NOT NULL,
	"reports" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"resolution" text
);
--> statement-breakpoint
CREATE TABLE "risk_credit_limit_moves" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"bill_id" text NOT NULL,
	"rule_set_version" integer NOT NULL,
	"limit_before_minor" bigint NOT NULL,
	"delta_minor" bigint NOT NULL,
	"limit_after_minor" bigint NOT NULL,
	"event_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_device_commands" (
	"id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"reverses" text,
	"provider_command_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "risk_device_locations" (
	"id" text PRIMARY KEY NOT NULL,
	"device_id" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"lat_e6" integer NOT NULL,
	"lng_e6" integer NOT NULL,
	"accuracy_m" integer NOT NULL,
	"inside" boolean,
	"reported_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_devices" (
	"id" text PRIMARY KEY NOT NULL,
	"imei" text NOT NULL,
	"customer_id" text NOT NULL,
	"reference" text,
	"provider_device_id" text NOT NULL,
	"lock_state" text NOT NULL,
	"last_lat_e6" integer,
	"last_lng_e6" integer,
	"last_reported_at" timestamp with time zone,
	"enrolled_by" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_geofences" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"shape" text NOT NULL,
	"definition" jsonb NOT NULL,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"removed_by" text,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "risk_mdm_sandbox_commands" (
	"provider_command_id" text PRIMARY KEY NOT NULL,
	"provider_device_id" text NOT NULL,
	"merchant_command_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_mdm_sandbox_commands_merchant_command_id_unique" UNIQUE("merchant_command_id")
);
--> statement-breakpoint
CREATE TABLE "risk_mdm_sandbox_devices" (
	"provider_device_id" text PRIMARY KEY NOT NULL,
	"imei" text NOT NULL,
	"online" boolean NOT NULL,
	"locked" boolean NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_mdm_sandbox_devices_imei_unique" UNIQUE("imei")
);
--> statement-breakpoint
CREATE TABLE "risk_mdm_sandbox_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"last_status" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "risk_alerts_device_day_uq" ON "risk_alerts" USING btree ("kind","device_id","alert_date");--> statement-breakpoint
CREATE INDEX "risk_alerts_status_idx" ON "risk_alerts" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_credit_limit_moves_bill_uq" ON "risk_credit_limit_moves" USING btree ("bill_id","kind");--> statement-breakpoint
CREATE INDEX "risk_credit_limit_moves_customer_idx" ON "risk_credit_limit_moves" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "risk_device_commands_device_idx" ON "risk_device_commands" USING btree ("device_id","created_at");--> statement-breakpoint
CREATE INDEX "risk_device_commands_open_idx" ON "risk_device_commands" USING btree ("status","created_at") WHERE "risk_device_commands"."status" in ('pending', 'sent');--> statement-breakpoint
CREATE UNIQUE INDEX "risk_device_commands_provider_uq" ON "risk_device_commands" USING btree ("provider_command_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_device_locations_message_uq" ON "risk_device_locations" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "risk_device_locations_device_idx" ON "risk_device_locations" USING btree ("device_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_devices_imei_uq" ON "risk_devices" USING btree ("imei");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_devices_provider_uq" ON "risk_devices" USING btree ("provider_device_id");--> statement-breakpoint
CREATE INDEX "risk_devices_customer_idx" ON "risk_devices" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "risk_mdm_sandbox_commands_queued_idx" ON "risk_mdm_sandbox_commands" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "risk_mdm_sandbox_messages_due_idx" ON "risk_mdm_sandbox_messages" USING btree ("status","due_at");