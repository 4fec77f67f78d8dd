ALTER TABLE "installment_orders" ADD COLUMN "payment_deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "expired_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "installment_orders_deadline_idx" ON "installment_orders" USING btree ("status","payment_deadline_at");