-- CouncilPlan's two PostgreSQL login roles (docs/deploy.md):
--   councilplan_owner  owns the schema and its tables; `councilplan db migrate` (and `db seed`,
--                      `db restore`) run as it, once per release, before the web instances start.
--   councilplan_app    what every web instance logs in as: reads and writes rows, never the schema,
--                      so a flaw in the app cannot drop or alter a table.
--
-- Run it once, as a superuser (or a role with CREATEROLE that owns the database), connected to
-- the CouncilPlan database, e.g.
--   psql -v ON_ERROR_STOP=1 -d councilplan -f deploy/postgres-roles.sql
-- then give each role a password (\password councilplan_owner, \password councilplan_app) or
-- another authentication method in pg_hba.conf. It is plain SQL (no psql variables), may be run
-- again, and is also what the tests and deploy/run-local.sh run.
-- References: PostgreSQL 15 documentation, 5.7 "Privileges", 5.9.6 "Usage Patterns" (schemas),
-- GRANT, ALTER DEFAULT PRIVILEGES.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'councilplan_owner') THEN
    CREATE ROLE councilplan_owner LOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'councilplan_app') THEN
    -- NOINHERIT and no membership of the owner: the app has only what is granted below.
    CREATE ROLE councilplan_app LOGIN NOINHERIT;
  END IF;
END $$;

-- Only the two roles may connect. TEMPORARY stays granted to the app: `data import` and the
-- staff upload stage rows in a session-private temporary table, which changes no schema.
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO councilplan_owner, councilplan_app', current_database());
END $$;

-- The owner owns the schema the migrations write to (EF Core uses public). Before PostgreSQL 15
-- every role could create objects in public; nobody but its owner may now.
ALTER SCHEMA public OWNER TO councilplan_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO councilplan_app;

-- Rows only. No TRUNCATE, REFERENCES or TRIGGER, and no CREATE on the schema: the app can change
-- data but not the tables. The append-only tables (audit log, observation history, report
-- snapshots) are kept so by triggers, which the app cannot drop because it owns no table. The
-- trigger functions run with the privileges of the app (they are not SECURITY DEFINER), so they
-- need only these grants; functions are executable by PUBLIC by default.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO councilplan_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO councilplan_app;

-- Tables and sequences that later migrations create (as councilplan_owner) get the same grants
-- without running this file again.
ALTER DEFAULT PRIVILEGES FOR ROLE councilplan_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO councilplan_app;
ALTER DEFAULT PRIVILEGES FOR ROLE councilplan_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO councilplan_app;

-- LISTEN and NOTIFY (the data version announcements) and advisory locks (SingleRunner) need no
-- privilege in PostgreSQL: nothing to grant.
