ALTER TABLE "rental_orders" ADD COLUMN "billed_through_period" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rental_orders" ADD COLUMN "next_bill_due_date" date;--> statement-breakpoint
CREATE INDEX "rental_orders_next_bill_idx" ON "rental_orders" USING btree ("next_bill_due_date") WHERE "rental_orders"."status" in ('active', 'renewed');--> statement-breakpoint
CREATE INDEX "rental_orders_rent_start_idx" ON "rental_orders" USING btree ("rent_start_date") WHERE "rental_orders"."status" = 'delivered';