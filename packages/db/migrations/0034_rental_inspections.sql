CREATE TABLE "rental_inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"after_sale_id" text,
	"state" text NOT NULL,
	"grade" text NOT NULL,
	"findings" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"formula" jsonb NOT NULL,
	"note" text,
	"photos" jsonb NOT NULL,
	"charge_minor" bigint NOT NULL,
	"residual_value_minor" bigint NOT NULL,
	"deposit_held_minor" bigint NOT NULL,
	"planned_capture_minor" bigint NOT NULL,
	"captured_minor" bigint DEFAULT 0 NOT NULL,
	"billed_minor" bigint DEFAULT 0 NOT NULL,
	"released_minor" bigint DEFAULT 0 NOT NULL,
	"bill_id" text,
	"inspected_by" text NOT NULL,
	"inspected_on" date NOT NULL,
	"dispute_until" date NOT NULL,
	"disputed_at" timestamp with time zone,
	"dispute_reason" text,
	"settle_attempts" integer DEFAULT 0 NOT NULL,
	"last_settle_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rental_inspections_order_uq" ON "rental_inspections" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "rental_inspections_settling_idx" ON "rental_inspections" USING btree ("created_at") WHERE "rental_inspections"."state" = 'settling';