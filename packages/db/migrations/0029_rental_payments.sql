ALTER TABLE "rental_orders" ADD COLUMN "first_payment_id" text;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "first_payment_refund_id" text;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "deposit_authorisation_id" text;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "deposit_credit_minor" bigint;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "deposit_authorised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "deposit_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "deposit_released_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "rental_orders_deposit_release_idx" ON "rental_orders" USING btree ("updated_at") WHERE "rental_orders"."deposit_authorisation_id" is not null and "rental_orders"."deposit_released_at" is null;