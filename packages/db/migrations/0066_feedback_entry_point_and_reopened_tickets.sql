ALTER TABLE "feedback_entries" ADD COLUMN "source" text DEFAULT 'form' NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "feedback_entries" ADD COLUMN "error_request_id" text;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD COLUMN "customer_reopened_at" timestamp with time zone;--> statement-breakpoint
-- Tickets the customer reopened before the column existed: each reopen is in the audit log
-- (support.ticket_reopen by a customer), the latest one is kept. An answer on a resolved ticket left
-- no trace there and is counted from now on only.
UPDATE "support_tickets" AS t SET "customer_reopened_at" = r.at
FROM (
  SELECT target_id, max(at) AS at FROM "identity_audit_log"
  WHERE action = 'support.ticket_reopen' AND actor_kind = 'customer' AND target_type = 'ticket'
  GROUP BY target_id
) AS r
WHERE r.target_id = t.id;
