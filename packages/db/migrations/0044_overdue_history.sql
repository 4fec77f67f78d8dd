CREATE TABLE "installment_bucket_changes" (
	"order_id" text NOT NULL,
	"changed_on" date NOT NULL,
	"from_bucket" text,
	"to_bucket" text,
	"days_past_due" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "installment_bucket_changes_order_id_changed_on_pk" PRIMARY KEY("order_id","changed_on")
);
--> statement-breakpoint
ALTER TABLE "billing_bills" ADD COLUMN "withdrawn_at" timestamp with time zone;