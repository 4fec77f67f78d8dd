CREATE TABLE "risk_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"reference" text,
	"id_number_bidx" text,
	"phone_bidx" text NOT NULL,
	"device_fingerprint" text,
	"address_bidx" text,
	"ip" text,
	"order_value_minor" bigint NOT NULL,
	"deposit_minor" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"rule_set_version" integer NOT NULL,
	"outcome" text NOT NULL,
	"score" integer NOT NULL,
	"reason_codes" jsonb NOT NULL,
	"waiver_bps" integer NOT NULL,
	"deposit_waived_minor" bigint NOT NULL,
	"credit_limit_minor" bigint NOT NULL,
	"record" jsonb NOT NULL,
	"sources" jsonb NOT NULL,
	"shadow_version" integer,
	"shadow_record" jsonb,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_list_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"list" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"display" text NOT NULL,
	"reason" text NOT NULL,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"removed_by" text,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "risk_review_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"decision_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"breached_at" timestamp with time zone,
	"assigned_to" text,
	"notes" jsonb NOT NULL,
	"resolution" text,
	"outcome" text,
	"waiver_bps" integer,
	"deposit_waived_minor" bigint,
	"credit_limit_minor" bigint,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_rule_sets" (
	"version" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"rule_set" jsonb NOT NULL,
	"based_on" integer,
	"note" text NOT NULL,
	"shadow" boolean DEFAULT false NOT NULL,
	"edited_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "risk_applications_id_idx" ON "risk_applications" USING btree ("id_number_bidx","created_at");--> statement-breakpoint
CREATE INDEX "risk_applications_phone_idx" ON "risk_applications" USING btree ("phone_bidx","created_at");--> statement-breakpoint
CREATE INDEX "risk_applications_device_idx" ON "risk_applications" USING btree ("device_fingerprint","created_at");--> statement-breakpoint
CREATE INDEX "risk_applications_address_idx" ON "risk_applications" USING btree ("address_bidx","created_at");--> statement-breakpoint
CREATE INDEX "risk_applications_ip_idx" ON "risk_applications" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "risk_applications_customer_idx" ON "risk_applications" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_decisions_application_uq" ON "risk_decisions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "risk_decisions_created_idx" ON "risk_decisions" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "risk_decisions_customer_idx" ON "risk_decisions" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_list_entries_active_uq" ON "risk_list_entries" USING btree ("list","kind","value") WHERE "risk_list_entries"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_review_cases_decision_origin_uq" ON "risk_review_cases" USING btree ("decision_id","origin");--> statement-breakpoint
CREATE INDEX "risk_review_cases_open_sla_idx" ON "risk_review_cases" USING btree ("sla_due_at") WHERE "risk_review_cases"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "risk_rule_sets_one_published_uq" ON "risk_rule_sets" USING btree ("status") WHERE "risk_rule_sets"."status" = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "risk_rule_sets_one_shadow_uq" ON "risk_rule_sets" USING btree ("shadow") WHERE "risk_rule_sets"."shadow";