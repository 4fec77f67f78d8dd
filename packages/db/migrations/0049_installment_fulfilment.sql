ALTER TABLE "installment_orders" ADD COLUMN "unit_id" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "address_ciphertext" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "fulfilment" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "shipped_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "carrier" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "waybill_no" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "imei" text;--> statement-breakpoint
ALTER TABLE "installment_orders" ADD COLUMN "ownership_transferred_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "installment_orders_fulfilment_idx" ON "installment_orders" USING btree ("fulfilment","activated_on");