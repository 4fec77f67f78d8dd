ALTER TABLE "wallet_disputes" ADD COLUMN "proposed_outcome" text;--> statement-breakpoint
ALTER TABLE "wallet_disputes" ADD COLUMN "proposed_amount_minor" bigint;--> statement-breakpoint
ALTER TABLE "wallet_disputes" ADD COLUMN "proposed_note" text;--> statement-breakpoint
ALTER TABLE "wallet_disputes" ADD COLUMN "proposed_by" text;--> statement-breakpoint
ALTER TABLE "wallet_disputes" ADD COLUMN "proposed_at" timestamp with time zone;