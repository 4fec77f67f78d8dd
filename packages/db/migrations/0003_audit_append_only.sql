-- The audit log only grows: no statement may change or remove an entry (identity module).
CREATE OR REPLACE FUNCTION identity_audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'identity_audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER identity_audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON identity_audit_log
  FOR EACH ROW EXECUTE FUNCTION identity_audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER identity_audit_log_no_truncate
  BEFORE TRUNCATE ON identity_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION identity_audit_log_refuse_change();
