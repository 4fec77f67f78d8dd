CREATE TABLE "rental_faults" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"photos" jsonb NOT NULL,
	"reported_on" date NOT NULL,
	"resolution" text,
	"faulty_unit_id" text NOT NULL,
	"faulty_imei" text,
	"replacement_unit_id" text,
	"replacement_imei" text,
	"faulty_received_at" timestamp with time zone,
	"outbound_shipped_at" timestamp with time zone,
	"outbound_waybill_no" text,
	"return_waybill_no" text,
	"working_phone_on" date,
	"fault_days" integer DEFAULT 0 NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	"credited_minor" bigint DEFAULT 0 NOT NULL,
	"credits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "rental_faults_order_idx" ON "rental_faults" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rental_faults_open_uq" ON "rental_faults" USING btree ("order_id") WHERE "rental_faults"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "rental_faults_uncredited_idx" ON "rental_faults" USING btree ("order_id") WHERE "rental_faults"."credit_minor" > "rental_faults"."credited_minor";