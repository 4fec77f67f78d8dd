ALTER TABLE "inventory_unit_history" ALTER COLUMN "reason" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "billing_bills" ADD COLUMN "withdraw_reason_code" text;--> statement-breakpoint
ALTER TABLE "billing_bills" ADD COLUMN "withdraw_reason_params" jsonb;--> statement-breakpoint
-- A system change is worded from its code: the English sentence kept beside the code goes (staff-typed reasons, which have no code, stay).
UPDATE "inventory_unit_history" SET "reason" = NULL WHERE "reason_code" IS NOT NULL;