CREATE TABLE "contracts_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"template" text NOT NULL,
	"template_version" integer NOT NULL,
	"locale" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"terms" jsonb NOT NULL,
	"terms_hash" text NOT NULL,
	"draft_pdf_base64" text NOT NULL,
	"document_hash" text NOT NULL,
	"signed_pdf_base64" text,
	"signed_pdf_hash" text,
	"signature_kind" text,
	"signed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts_evidence_entries" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"customer_id" text,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts_evidence_roots" (
	"business_date" text PRIMARY KEY NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint NOT NULL,
	"tree_size" integer NOT NULL,
	"root_hash" text NOT NULL,
	"statement" text NOT NULL,
	"signature_algorithm" text NOT NULL,
	"signature" text NOT NULL,
	"public_key_pem" text NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"timestamp_token_base64" text,
	"timestamp_authority" text,
	"timestamped_at" timestamp with time zone,
	"timestamp_attempts" integer DEFAULT 0 NOT NULL,
	"timestamp_last_error" text
);
--> statement-breakpoint
CREATE TABLE "contracts_sandbox_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"keys" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_contracts_subject_version" ON "contracts_contracts" USING btree ("subject_kind","subject_id","version");--> statement-breakpoint
CREATE INDEX "contracts_contracts_customer" ON "contracts_contracts" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_evidence_entries_id" ON "contracts_evidence_entries" USING btree ("id");--> statement-breakpoint
CREATE INDEX "contracts_evidence_entries_subject" ON "contracts_evidence_entries" USING btree ("subject_kind","subject_id","seq");--> statement-breakpoint
CREATE INDEX "contracts_evidence_entries_recorded" ON "contracts_evidence_entries" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "contracts_evidence_roots_untimestamped" ON "contracts_evidence_roots" USING btree ("business_date") WHERE "contracts_evidence_roots"."timestamp_token_base64" is null;