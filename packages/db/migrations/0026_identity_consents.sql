CREATE TABLE "identity_consents" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"document" text NOT NULL,
	"version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "identity_consents_customer_document_version_uq" ON "identity_consents" USING btree ("customer_id","document","version");