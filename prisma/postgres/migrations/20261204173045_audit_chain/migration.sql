-- The audit hash chain on PostgreSQL (ADR 0027 for the chain, ADR 0041 for this port). Written by
-- hand: the schema engine does not manage functions or triggers, so the generated migrations
-- never touch these. Same canonical serialisation as app/utils/audit-chain.server.ts
-- (auditRowHash): JSON.stringify of ["scir-audit-v1", seq, id, jurisdictionId, action, actorId,
-- reviewId, detail, createdAt, prevHash] as text or null, hashed with SHA-256. createdAt is
-- written as ISO 8601 UTC with milliseconds (scir_audit_time), the form verification reads back.

CREATE FUNCTION scir_audit_time(t TIMESTAMP(3)) RETURNS TEXT
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- to_json escapes a string the way JSON.stringify does (quotes, backslash, control characters).
CREATE FUNCTION scir_json_item(v TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT COALESCE(to_json(v)::text, 'null') $$;

CREATE FUNCTION scir_audit_hash(seq INTEGER, id TEXT, jurisdiction_id TEXT, action TEXT, actor_id TEXT, review_id TEXT, detail TEXT, created_at TIMESTAMP(3), prev_hash TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT encode(sha256(convert_to('[' || concat_ws(',',
      scir_json_item('scir-audit-v1'), scir_json_item(seq::text), scir_json_item(id), scir_json_item(jurisdiction_id),
      scir_json_item(action), scir_json_item(actor_id), scir_json_item(review_id), scir_json_item(detail),
      scir_json_item(scir_audit_time(created_at)), scir_json_item(prev_hash)) || ']', 'UTF8')), 'hex')
  $$;

-- Several connections write at once here (SQLite has one writer), so inserters take turns on a
-- transaction-scoped advisory lock: the next one reads this row's sequence number and hash only
-- after this transaction has committed or rolled back, keeping the sequence gapless.
CREATE FUNCTION "AuditEvent_chain"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('scir_audit_chain'));
    SELECT COALESCE(MAX("seq"), 0) + 1 INTO NEW."seq" FROM "AuditEvent";
    NEW."prevHash" := (SELECT "hash" FROM "AuditEvent" WHERE "jurisdictionId" = NEW."jurisdictionId" AND "seq" IS NOT NULL ORDER BY "seq" DESC LIMIT 1);
    NEW."hash" := scir_audit_hash(NEW."seq", NEW."id", NEW."jurisdictionId", NEW."action", NEW."actorId", NEW."reviewId", NEW."detail", NEW."createdAt", NEW."prevHash");
    RETURN NEW;
  END
  $$;

CREATE TRIGGER "AuditEvent_chain" BEFORE INSERT ON "AuditEvent"
  FOR EACH ROW WHEN (NEW."hash" IS NULL) EXECUTE FUNCTION "AuditEvent_chain"();

-- Append-only: a sealed row can be neither changed nor deleted through SQL.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN RAISE EXCEPTION 'audit rows are append-only'; END $$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW WHEN (OLD."hash" IS NOT NULL) EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();
