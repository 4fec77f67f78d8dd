CREATE TABLE "support_chat_messages" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"chat_id" text NOT NULL,
	"author_kind" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"client_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_chats" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"state" text NOT NULL,
	"agent_id" text,
	"queued_at" timestamp with time zone NOT NULL,
	"taken_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"ticket_id" text,
	"rating" integer,
	"rated_at" timestamp with time zone,
	"customer_read_seq" integer DEFAULT 0 NOT NULL,
	"agent_read_seq" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_sla_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"kind" text NOT NULL,
	"assignee_id" text,
	"due_at" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text
);
--> statement-breakpoint
CREATE INDEX "support_chat_messages_chat_idx" ON "support_chat_messages" USING btree ("chat_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "support_chat_messages_client_uq" ON "support_chat_messages" USING btree ("chat_id","author_kind","client_id");--> statement-breakpoint
CREATE INDEX "support_chats_customer_idx" ON "support_chats" USING btree ("customer_id","queued_at");--> statement-breakpoint
CREATE INDEX "support_chats_state_idx" ON "support_chats" USING btree ("state","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "support_chats_open_uq" ON "support_chats" USING btree ("customer_id") WHERE state in ('queued', 'active');--> statement-breakpoint
CREATE UNIQUE INDEX "support_sla_alerts_ticket_kind_uq" ON "support_sla_alerts" USING btree ("ticket_id","kind");--> statement-breakpoint
CREATE INDEX "support_sla_alerts_open_idx" ON "support_sla_alerts" USING btree ("acknowledged_at","raised_at");