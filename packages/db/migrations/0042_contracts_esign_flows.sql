CREATE TABLE "contracts_esign_flows" (
	"flow_id" text PRIMARY KEY NOT NULL,
	"contract_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"provider" text NOT NULL,
	"document_hash" text NOT NULL,
	"auth_url" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contracts_evidence_checkpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"verified_seq" bigint NOT NULL,
	"verified_hash" text NOT NULL,
	"verified_roots" integer NOT NULL,
	"last_root_date" text,
	"last_root_hash" text,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contracts_sandbox_esign_flows" (
	"flow_id" text PRIMARY KEY NOT NULL,
	"biz_no" text NOT NULL,
	"file_hash" text NOT NULL,
	"signer_ref" text NOT NULL,
	"notify_url" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_esign_flows_live" ON "contracts_esign_flows" USING btree ("contract_id") WHERE "contracts_esign_flows"."status" = 'started';--> statement-breakpoint
CREATE INDEX "contracts_esign_flows_contract" ON "contracts_esign_flows" USING btree ("contract_id","created_at");