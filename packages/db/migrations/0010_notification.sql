CREATE TABLE "notification_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"category" text NOT NULL,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"in_app" boolean NOT NULL,
	"channels" jsonb NOT NULL,
	"sms_status" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"sms_queued_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notification_messages_dedupe_uq" ON "notification_messages" USING btree ("customer_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "notification_messages_inbox_idx" ON "notification_messages" USING btree ("customer_id","id") WHERE "notification_messages"."in_app";--> statement-breakpoint
CREATE INDEX "notification_messages_unread_idx" ON "notification_messages" USING btree ("customer_id") WHERE "notification_messages"."in_app" and "notification_messages"."read_at" is null;