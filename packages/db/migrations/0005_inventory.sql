CREATE TABLE "inventory_procurement_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"sku_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_cost_minor" bigint NOT NULL,
	"received_quantity" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_procurement_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"supplier_id" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"ordered_at" timestamp with time zone,
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "inventory_supplier_feed" (
	"id" text PRIMARY KEY NOT NULL,
	"partner_id" text NOT NULL,
	"supplier_id" text,
	"model" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sku_id" text,
	"quantity" integer NOT NULL,
	"price_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_suppliers" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"partner_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_unit_history" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"reason" text NOT NULL,
	"order_ref" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_units" (
	"id" text PRIMARY KEY NOT NULL,
	"sku_id" text NOT NULL,
	"imei" text NOT NULL,
	"tac" text NOT NULL,
	"serial_number" text NOT NULL,
	"grade" text NOT NULL,
	"state" text NOT NULL,
	"warehouse_id" text NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"cost_minor" bigint NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"supplier_id" text,
	"purchase_date" date NOT NULL,
	"procurement_order_id" text,
	"order_ref" text,
	"reserved_at" timestamp with time zone,
	"reservation_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory_warehouses" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inventory_procurement_lines" ADD CONSTRAINT "inventory_procurement_lines_order_id_inventory_procurement_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."inventory_procurement_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_procurement_orders" ADD CONSTRAINT "inventory_procurement_orders_supplier_id_inventory_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."inventory_suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_procurement_orders" ADD CONSTRAINT "inventory_procurement_orders_warehouse_id_inventory_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."inventory_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_unit_history" ADD CONSTRAINT "inventory_unit_history_unit_id_inventory_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."inventory_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_warehouse_id_inventory_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."inventory_warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_units" ADD CONSTRAINT "inventory_units_supplier_id_inventory_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."inventory_suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_procurement_lines_order_line_uq" ON "inventory_procurement_lines" USING btree ("order_id","line_no");--> statement-breakpoint
CREATE INDEX "inventory_procurement_orders_status_idx" ON "inventory_procurement_orders" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_supplier_feed_partner_model_uq" ON "inventory_supplier_feed" USING btree ("partner_id","model");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_suppliers_name_uq" ON "inventory_suppliers" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_suppliers_partner_uq" ON "inventory_suppliers" USING btree ("partner_id") WHERE "inventory_suppliers"."partner_id" is not null;--> statement-breakpoint
CREATE INDEX "inventory_unit_history_unit_idx" ON "inventory_unit_history" USING btree ("unit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_units_imei_uq" ON "inventory_units" USING btree ("imei");--> statement-breakpoint
CREATE INDEX "inventory_units_sku_state_idx" ON "inventory_units" USING btree ("sku_id","state");--> statement-breakpoint
CREATE INDEX "inventory_units_warehouse_idx" ON "inventory_units" USING btree ("warehouse_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_units_reserved_order_uq" ON "inventory_units" USING btree ("order_ref") WHERE "inventory_units"."state" = 'reserved';--> statement-breakpoint
CREATE INDEX "inventory_units_reservation_expiry_idx" ON "inventory_units" USING btree ("reservation_expires_at") WHERE "inventory_units"."state" = 'reserved';--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_warehouses_code_uq" ON "inventory_warehouses" USING btree ("code");