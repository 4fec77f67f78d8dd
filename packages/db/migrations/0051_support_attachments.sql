ALTER TABLE "feedback_uploads" ADD COLUMN "attached_to" text;--> statement-breakpoint
ALTER TABLE "support_chat_messages" ADD COLUMN "attachment" jsonb;--> statement-breakpoint
ALTER TABLE "support_ticket_messages" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;