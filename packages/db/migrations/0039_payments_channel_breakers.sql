CREATE TABLE "payments_channel_breakers" (
	"channel" text PRIMARY KEY NOT NULL,
	"consecutive_failures" integer NOT NULL,
	"opened_at" timestamp with time zone,
	"trial_started_at" timestamp with time zone,
	"last_failure" text,
	"updated_at" timestamp with time zone NOT NULL
);
