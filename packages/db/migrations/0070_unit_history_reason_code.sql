ALTER TABLE "inventory_unit_history" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "inventory_unit_history" ADD COLUMN "reason_params" jsonb;