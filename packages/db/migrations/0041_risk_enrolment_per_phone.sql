DROP INDEX "risk_device_enrolments_reference_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "risk_device_enrolments_reference_imei_uq" ON "risk_device_enrolments" USING btree ("reference","imei");