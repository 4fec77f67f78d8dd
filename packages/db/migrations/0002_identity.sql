CREATE TABLE "catalog_installment_offers" (
	"id" text PRIMARY KEY NOT NULL,
	"sku_id" text NOT NULL,
	"term_months" integer NOT NULL,
	"annual_rate_bps" integer NOT NULL,
	"fee_rate_bps_per_period" integer NOT NULL,
	"down_payment_bps" integer NOT NULL,
	"method" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"sku_id" text NOT NULL,
	"term_unit" text NOT NULL,
	"term_count" integer NOT NULL,
	"rent_minor" bigint NOT NULL,
	"deposit_minor" bigint NOT NULL,
	"buyout_at_end_minor" bigint NOT NULL,
	"upfront_periods" integer NOT NULL,
	"add_ons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"renewal_rent_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_products" (
	"id" text PRIMARY KEY NOT NULL,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"series" text,
	"description" text DEFAULT '' NOT NULL,
	"images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"popularity" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "catalog_skus" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"storage_gb" integer NOT NULL,
	"colour" text NOT NULL,
	"condition" text NOT NULL,
	"market_price_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"search_text" text NOT NULL,
	"lowest_monthly_rent_minor" bigint,
	"plan_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"plan_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"ip" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_customers" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_bidx" text NOT NULL,
	"nickname" text,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"tier" text DEFAULT 'normal' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"identity_status" text DEFAULT 'unverified' NOT NULL,
	"real_name_enc" text,
	"id_number_enc" text,
	"id_number_bidx" text,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_data_keys" (
	"version" integer PRIMARY KEY NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_notification_preferences" (
	"customer_id" text NOT NULL,
	"category" text NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_notification_preferences_customer_id_category_channel_pk" PRIMARY KEY("customer_id","category","channel")
);
--> statement-breakpoint
CREATE TABLE "identity_oauth_links" (
	"provider" text NOT NULL,
	"open_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_oauth_links_provider_open_id_pk" PRIMARY KEY("provider","open_id")
);
--> statement-breakpoint
CREATE TABLE "identity_partner_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_refresh_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"family_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_sms_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_bidx" text NOT NULL,
	"code_hash" text NOT NULL,
	"ip" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_sms_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"phone_bidx" text NOT NULL,
	"phone_enc" text NOT NULL,
	"text_enc" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity_staff" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"totp_secret_enc" text NOT NULL,
	"totp_last_step" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"customer_id" text NOT NULL,
	"outcome" text NOT NULL,
	"provider" text NOT NULL,
	"provider_reference" text,
	"id_number_bidx" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"customer_id" text,
	"purpose" text NOT NULL,
	"code" integer NOT NULL,
	"currency" text NOT NULL,
	"debits_must_not_exceed_credits" boolean NOT NULL,
	"credits_must_not_exceed_debits" boolean NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_accounts_one_rule" CHECK (not ("ledger_accounts"."debits_must_not_exceed_credits" and "ledger_accounts"."credits_must_not_exceed_debits"))
);
--> statement-breakpoint
CREATE TABLE "ledger_balances" (
	"account_id" text PRIMARY KEY NOT NULL,
	"debits_posted_minor" bigint NOT NULL,
	"credits_posted_minor" bigint NOT NULL,
	"debits_pending_minor" bigint NOT NULL,
	"credits_pending_minor" bigint NOT NULL,
	CONSTRAINT "ledger_balances_non_negative" CHECK ("ledger_balances"."debits_posted_minor" >= 0 and "ledger_balances"."credits_posted_minor" >= 0 and "ledger_balances"."debits_pending_minor" >= 0 and "ledger_balances"."credits_pending_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"debit_account_id" text NOT NULL,
	"credit_account_id" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"code" text NOT NULL,
	"reference" text,
	"metadata" jsonb NOT NULL,
	"pending_id" text,
	"released_pending_minor" bigint NOT NULL,
	"timeout_seconds" integer,
	"timeout_at" timestamp with time zone,
	"reverses_id" text,
	"linked_group_id" text,
	"effective_at" timestamp with time zone NOT NULL,
	"effective_at_given" boolean NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_transfers_amount_positive" CHECK ("ledger_transfers"."amount_minor" > 0 or "ledger_transfers"."kind" in ('void_pending', 'expire_pending')),
	CONSTRAINT "ledger_transfers_two_accounts" CHECK ("ledger_transfers"."debit_account_id" <> "ledger_transfers"."credit_account_id"),
	CONSTRAINT "ledger_transfers_released" CHECK ("ledger_transfers"."released_pending_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "catalog_installment_offers" ADD CONSTRAINT "catalog_installment_offers_sku_id_catalog_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."catalog_skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_plans" ADD CONSTRAINT "catalog_plans_sku_id_catalog_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."catalog_skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_skus" ADD CONSTRAINT "catalog_skus_product_id_catalog_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."catalog_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_installment_offers_sku_term_uq" ON "catalog_installment_offers" USING btree ("sku_id","term_months") WHERE "catalog_installment_offers"."active";--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_plans_sku_term_uq" ON "catalog_plans" USING btree ("sku_id","term_unit","term_count") WHERE "catalog_plans"."active";--> statement-breakpoint
CREATE INDEX "catalog_products_status_idx" ON "catalog_products" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_products_brand_model_uq" ON "catalog_products" USING btree ("brand","model");--> statement-breakpoint
CREATE INDEX "catalog_skus_product_idx" ON "catalog_skus" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_skus_variant_uq" ON "catalog_skus" USING btree ("product_id","storage_gb","colour","condition");--> statement-breakpoint
CREATE INDEX "catalog_skus_search_trgm_idx" ON "catalog_skus" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "identity_audit_log_id_uq" ON "identity_audit_log" USING btree ("id");--> statement-breakpoint
CREATE INDEX "identity_audit_log_at_idx" ON "identity_audit_log" USING btree ("at","seq");--> statement-breakpoint
CREATE INDEX "identity_audit_log_actor_idx" ON "identity_audit_log" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "identity_audit_log_target_idx" ON "identity_audit_log" USING btree ("target_type","target_id","seq");--> statement-breakpoint
CREATE INDEX "identity_audit_log_action_idx" ON "identity_audit_log" USING btree ("action","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_customers_phone_bidx_uq" ON "identity_customers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_customers_id_number_bidx_uq" ON "identity_customers" USING btree ("id_number_bidx") WHERE "identity_customers"."identity_status" = 'verified';--> statement-breakpoint
CREATE INDEX "identity_customers_nickname_idx" ON "identity_customers" USING btree ("nickname");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_oauth_links_customer_uq" ON "identity_oauth_links" USING btree ("customer_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_partner_keys_hash_uq" ON "identity_partner_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_refresh_tokens_hash_uq" ON "identity_refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "identity_refresh_tokens_family_idx" ON "identity_refresh_tokens" USING btree ("family_id");--> statement-breakpoint
CREATE INDEX "identity_sms_codes_phone_idx" ON "identity_sms_codes" USING btree ("phone_bidx","created_at");--> statement-breakpoint
CREATE INDEX "identity_sms_codes_ip_idx" ON "identity_sms_codes" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "identity_sms_messages_phone_idx" ON "identity_sms_messages" USING btree ("phone_bidx","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "identity_staff_username_uq" ON "identity_staff" USING btree ("username");--> statement-breakpoint
CREATE INDEX "identity_verifications_customer_idx" ON "identity_verifications" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_owner_purpose_uq" ON "ledger_accounts" USING btree ("owner_type","owner_id","purpose","currency");--> statement-breakpoint
CREATE INDEX "ledger_accounts_customer_idx" ON "ledger_accounts" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "ledger_accounts_code_idx" ON "ledger_accounts" USING btree ("code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_seq_uq" ON "ledger_transfers" USING btree ("seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_transfers_pending_once_uq" ON "ledger_transfers" USING btree ("pending_id") WHERE "ledger_transfers"."pending_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_transfers_debit_idx" ON "ledger_transfers" USING btree ("debit_account_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_transfers_credit_idx" ON "ledger_transfers" USING btree ("credit_account_id","seq");--> statement-breakpoint
CREATE INDEX "ledger_transfers_reference_idx" ON "ledger_transfers" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "ledger_transfers_code_idx" ON "ledger_transfers" USING btree ("code","seq");--> statement-breakpoint
CREATE INDEX "ledger_transfers_reverses_idx" ON "ledger_transfers" USING btree ("reverses_id") WHERE "ledger_transfers"."reverses_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_transfers_open_pending_idx" ON "ledger_transfers" USING btree ("timeout_at") WHERE "ledger_transfers"."kind" = 'pending' and "ledger_transfers"."timeout_at" is not null;