CREATE TABLE "sweep_runs" (
	"name" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"last_error" text,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
