import { SchemaMigration } from '@shanyu/persistence';

/**
 * The staff service's tables. Resident ID numbers exist only in `person`: encrypted
 * (id_cipher, AES-256-GCM), as a keyed hash for matching (id_hash, HMAC-SHA256) and masked
 * (id_masked). Every other table refers to the person by id.
 */
export class Staff1763900000100 extends SchemaMigration {
  name = 'Staff1763900000100';

  protected readonly upSteps = [
    // Replica of the registry's institutions, fed by its events (never its tables).
    `
      CREATE TABLE institution_replica (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        division_code text NOT NULL,
        owner_user_id text,
        status text NOT NULL,
        places jsonb NOT NULL,
        source_version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX institution_replica_division ON institution_replica (division_code text_pattern_ops)`,
    // Children per class type: today the registered places; the subsidy service's rosters later.
    `
      CREATE TABLE enrolment (
        institution_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('registered_places', 'roster')),
        class_type text NOT NULL,
        children int NOT NULL CHECK (children >= 0),
        as_of date NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (institution_id, source, class_type)
      )`,
    `
      CREATE TABLE person (
        id uuid PRIMARY KEY,
        id_hash char(64) NOT NULL,
        id_cipher text NOT NULL,
        id_masked text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT person_id_hash_unique UNIQUE (id_hash)
      )`,
    `
      CREATE TABLE employment (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        institution_id uuid NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        employment_type text NOT NULL CHECK (employment_type IN ('full_time', 'part_time')),
        class_type text,
        class_name text,
        start_date date NOT NULL,
        end_date date,
        end_reason text,
        vetting_status text NOT NULL CHECK (vetting_status IN ('cleared', 'pending', 'rejected')),
        vetting_reason text,
        vetting_ref uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employment_dates CHECK (end_date IS NULL OR end_date >= start_date)
      )`,
    `CREATE UNIQUE INDEX employment_active_unique ON employment (person_id, institution_id) WHERE end_date IS NULL`,
    `CREATE INDEX employment_institution_active ON employment (institution_id) WHERE end_date IS NULL`,
    `CREATE INDEX employment_person ON employment (person_id)`,
    `
      CREATE TABLE credential (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        type text NOT NULL,
        number text NOT NULL,
        issuer text NOT NULL,
        issued_on date NOT NULL,
        expires_on date,
        added_via uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credential_unique UNIQUE (person_id, type, number),
        CONSTRAINT credential_dates CHECK (expires_on IS NULL OR expires_on > issued_on)
      )`,
    `CREATE INDEX credential_expiry ON credential (expires_on) WHERE expires_on IS NOT NULL`,
    `
      CREATE TABLE record_check (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        result text NOT NULL CHECK (result IN ('no_record', 'record_found')),
        checked_on date NOT NULL,
        authority text NOT NULL,
        document_no text,
        employment_id uuid,
        entered_by_department text NOT NULL,
        entered_by_user text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX record_check_person ON record_check (person_id, checked_on DESC, created_at DESC)`,
    `
      CREATE TABLE ban (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        name text NOT NULL,
        kind text NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        authority text NOT NULL,
        document_no text NOT NULL,
        reason text NOT NULL,
        added_by_department text NOT NULL,
        added_by_user text NOT NULL,
        matched jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ban_document_unique UNIQUE (person_id, document_no),
        CONSTRAINT ban_period CHECK ((kind = 'lifetime' AND ends_on IS NULL) OR (kind = 'time_limited' AND ends_on > starts_on))
      )`,
    `CREATE INDEX ban_person ON ban (person_id)`,
    // Every vetting at hiring, refused ones included (the refused attempt is the record).
    `
      CREATE TABLE vetting_attempt (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL REFERENCES person (id),
        institution_id uuid NOT NULL,
        employment_id uuid,
        role text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('cleared', 'pending', 'rejected')),
        reason text,
        ref_id uuid,
        actor_department text NOT NULL,
        actor_user text NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX vetting_attempt_institution ON vetting_attempt (institution_id, attempted_at)`,
    `
      CREATE TABLE staff_flag (
        id uuid PRIMARY KEY,
        employment_id uuid NOT NULL REFERENCES employment (id),
        kind text NOT NULL CHECK (kind IN ('ban_matched', 'criminal_record', 'concurrent_employment')),
        ref_id uuid NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        cleared_at timestamptz,
        CONSTRAINT staff_flag_unique UNIQUE (employment_id, kind, ref_id)
      )`,
    `
      CREATE TABLE ratio_state (
        institution_id uuid NOT NULL,
        class_type text NOT NULL,
        breached boolean NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (institution_id, class_type)
      )`,
    // One reminder event per (kind, credential or employment, institution, due date).
    `
      CREATE TABLE reminder (
        kind text NOT NULL,
        ref_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        due_on date NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, ref_id, institution_id, due_on)
      )`,
  ];

  protected readonly downSteps = [
    'reminder',
    'ratio_state',
    'staff_flag',
    'vetting_attempt',
    'ban',
    'record_check',
    'credential',
    'employment',
    'person',
    'enrolment',
    'institution_replica',
  ].map((table) => `DROP TABLE ${table}`);
}
