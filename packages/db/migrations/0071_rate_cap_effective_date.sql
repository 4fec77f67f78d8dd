CREATE TABLE "catalog_rate_caps" (
	"id" text PRIMARY KEY NOT NULL,
	"lpr_bps" integer NOT NULL,
	"cap_multiple" integer NOT NULL,
	"effective_from" date NOT NULL,
	"effective_at" timestamp with time zone NOT NULL,
	"set_by" text NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "catalog_rate_caps_effective_idx" ON "catalog_rate_caps" USING btree ("effective_at","set_at");--> statement-breakpoint
INSERT INTO "catalog_rate_caps" ("id", "lpr_bps", "cap_multiple", "effective_from", "effective_at", "set_by", "set_at")
SELECT 'rcap_from_setting', ("value"->>'lprBps')::integer, ("value"->>'capMultiple')::integer,
       ("updated_at" AT TIME ZONE 'Asia/Shanghai')::date, "updated_at", "updated_by", "updated_at"
FROM "catalog_settings" WHERE "key" = 'rate_cap';
