CREATE TABLE "feedback_questions" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"text" jsonb NOT NULL,
	"required" boolean NOT NULL,
	"nps" boolean DEFAULT false NOT NULL,
	"labels" jsonb,
	"multiple" boolean,
	"choices" jsonb,
	"max_length" integer,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"restored_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feedback_questions_pk" PRIMARY KEY("key","version")
);
--> statement-breakpoint
-- The three default questions of seed 001 (feedback's `defaultQuestions`) as version 1, so that a new
-- database asks them without any console action, in sandbox and production alike. They have been
-- asked since before this table: created_at is a date before any business clock (a sandbox clock set
-- back must not find them published in its future).
INSERT INTO "feedback_questions" ("key", "version", "kind", "text", "required", "nps", "labels", "position", "created_at") VALUES
('phone_quality', 1, 'scale', '{"zh-CN":"手机质量如何?","en":"How was the phone?"}', false, false,
 '{"low":{"zh-CN":"非常差","en":"Very poor"},"high":{"zh-CN":"非常好","en":"Excellent"}}', 1, '2000-01-01T00:00:00Z'),
('service_quality', 1, 'scale', '{"zh-CN":"服务质量如何?","en":"How was our service?"}', false, false,
 '{"low":{"zh-CN":"非常差","en":"Very poor"},"high":{"zh-CN":"非常好","en":"Excellent"}}', 2, '2000-01-01T00:00:00Z'),
('recommend', 1, 'scale', '{"zh-CN":"是否推荐给他人?","en":"Would you recommend us to others?"}', false, true,
 '{"low":{"zh-CN":"完全不会","en":"Not at all likely"},"high":{"zh-CN":"非常愿意","en":"Extremely likely"}}', 3, '2000-01-01T00:00:00Z');
