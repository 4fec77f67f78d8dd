CREATE TABLE "feedback_corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"feedback_id" text NOT NULL,
	"from_category" text,
	"to_category" text NOT NULL,
	"staff_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"anonymous" boolean NOT NULL,
	"customer_id" text,
	"order_id" text,
	"sealed_author" text,
	"author_index" text NOT NULL,
	"rated_order_index" text,
	"timing" text NOT NULL,
	"rating" text,
	"text" text NOT NULL,
	"answers" jsonb NOT NULL,
	"nps_score" integer,
	"media" jsonb NOT NULL,
	"locale" text NOT NULL,
	"product_id" text,
	"model" text,
	"warehouse_id" text,
	"carrier" text,
	"auto_category" text,
	"category_confidence_pct" integer NOT NULL,
	"category" text,
	"valuable" boolean DEFAULT false NOT NULL,
	"valuable_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"thanks_opt_in" boolean DEFAULT false NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"submitted_on" date NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"feedback_id" text NOT NULL,
	"staff_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_index" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"thumbnail_key" text,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"feedback_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_articles" (
	"slug" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"position" integer NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"keywords" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_ticket_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"ticket_id" text NOT NULL,
	"author_kind" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"internal" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"kind" text NOT NULL,
	"priority" text NOT NULL,
	"state" text NOT NULL,
	"subject" text NOT NULL,
	"order_id" text,
	"source_type" text,
	"source_id" text,
	"assignee_id" text,
	"opened_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"paused_ms" integer DEFAULT 0 NOT NULL,
	"waiting_since" timestamp with time zone,
	"first_response_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "feedback_corrections_feedback_idx" ON "feedback_corrections" USING btree ("feedback_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_entries_author_idx" ON "feedback_entries" USING btree ("author_index","submitted_at");--> statement-breakpoint
CREATE INDEX "feedback_entries_queue_idx" ON "feedback_entries" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_entries_rated_order_uq" ON "feedback_entries" USING btree ("rated_order_index") WHERE "feedback_entries"."rated_order_index" is not null;--> statement-breakpoint
CREATE INDEX "feedback_replies_feedback_idx" ON "feedback_replies" USING btree ("feedback_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_uploads_owner_idx" ON "feedback_uploads" USING btree ("owner_index","created_at");--> statement-breakpoint
CREATE INDEX "support_ticket_messages_ticket_idx" ON "support_ticket_messages" USING btree ("ticket_id","created_at","id");--> statement-breakpoint
CREATE INDEX "support_tickets_customer_idx" ON "support_tickets" USING btree ("customer_id","opened_at");--> statement-breakpoint
CREATE INDEX "support_tickets_queue_idx" ON "support_tickets" USING btree ("state","resolution_due_at","id");