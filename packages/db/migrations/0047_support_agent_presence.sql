CREATE TABLE "support_agent_presence" (
	"staff_id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"status_since" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "support_agent_presence_status_idx" ON "support_agent_presence" USING btree ("status","last_seen_at");