import { SchemaMigration } from '@shanyu/persistence';

/**
 * The subsidy service's tables. Children appear only as a keyed hash of their ID number
 * (child_key, HMAC-SHA256); the number itself is never stored. Facts about institutions come
 * from other services' events and are kept with the date they hold from, so a month is judged
 * by the facts of its last day.
 */
export class Subsidy1764000000100 extends SchemaMigration {
  name = 'Subsidy1764000000100';

  protected readonly upSteps = [
    // Replica of the registry's institutions (evt.registry.*), never its tables.
    `
      CREATE TABLE institution_replica (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        division_code text NOT NULL,
        owner_user_id text,
        status text NOT NULL,
        places jsonb NOT NULL,
        total_places int NOT NULL,
        inclusive jsonb,
        demonstrations jsonb NOT NULL DEFAULT '[]'::jsonb,
        source_version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX institution_replica_division ON institution_replica (division_code text_pattern_ops, id)`,
    // Dated facts: registry status and 普惠 (registry), credit grade (credit), certificate rate.
    `
      CREATE TABLE institution_fact (
        id bigserial PRIMARY KEY,
        institution_id uuid NOT NULL,
        fact text NOT NULL CHECK (fact IN ('status', 'inclusive', 'credit_grade', 'certificate_rate')),
        value jsonb,
        effective_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        source_event uuid
      )`,
    `CREATE INDEX institution_fact_lookup ON institution_fact (institution_id, fact, effective_on DESC, id DESC)`,
    // Findings of joint inspections (evt.inspection.finding.*): open critical findings bar some subsidies.
    `
      CREATE TABLE finding_replica (
        finding_id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        severity text NOT NULL,
        item_code text,
        recorded_on date NOT NULL,
        corrected_on date
      )`,
    `CREATE INDEX finding_replica_institution ON finding_replica (institution_id)`,
    // 收托名册: every version is kept; one is current per institution and month.
    `
      CREATE TABLE roster (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        month text NOT NULL,
        version int NOT NULL,
        current boolean NOT NULL,
        open_days int NOT NULL CHECK (open_days BETWEEN 1 AND 31),
        total int NOT NULL,
        by_class jsonb NOT NULL,
        by_care_form jsonb NOT NULL,
        by_birth_order jsonb NOT NULL,
        flags jsonb NOT NULL DEFAULT '[]'::jsonb,
        over_capacity_reason text,
        reason text,
        submitted_at timestamptz NOT NULL,
        submitted_by jsonb NOT NULL,
        CONSTRAINT roster_version_unique UNIQUE (institution_id, month, version)
      )`,
    `CREATE UNIQUE INDEX roster_one_current ON roster (institution_id, month) WHERE current`,
    `
      CREATE TABLE roster_entry (
        roster_id uuid NOT NULL REFERENCES roster (id),
        line_no int NOT NULL,
        month text NOT NULL,
        row_number int,
        child_key text NOT NULL,
        birth_month text NOT NULL,
        birth_order smallint NOT NULL CHECK (birth_order BETWEEN 1 AND 3),
        class_type text NOT NULL,
        care_form text NOT NULL,
        days_attended smallint NOT NULL CHECK (days_attended >= 0),
        ref text,
        PRIMARY KEY (roster_id, line_no),
        CONSTRAINT roster_entry_child_unique UNIQUE (roster_id, child_key)
      )`,
    `CREATE INDEX roster_entry_month_child ON roster_entry (month, child_key)`,
    // Duplicate claims seen (to announce each new set of institutions once).
    `
      CREATE TABLE duplicate_claim (
        month text NOT NULL,
        child_key text NOT NULL,
        institution_ids uuid[] NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (month, child_key)
      )`,
    // Policies: versions are never edited (rules as data).
    `
      CREATE TABLE policy_version (
        id uuid PRIMARY KEY,
        policy_key text NOT NULL,
        version text NOT NULL UNIQUE,
        division_code text NOT NULL,
        effective_from text NOT NULL,
        effective_to text,
        document jsonb NOT NULL,
        origin text NOT NULL CHECK (origin IN ('built-in', 'published')),
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by jsonb NOT NULL,
        CONSTRAINT policy_start_unique UNIQUE (policy_key, effective_from)
      )`,
    // Runs: one per division and month; a state machine with a resumable cursor and a lease.
    `
      CREATE TABLE run (
        id uuid PRIMARY KEY,
        division_code text NOT NULL,
        month text NOT NULL,
        status text NOT NULL CHECK (status IN ('computing', 'computed', 'returned', 'posted')),
        stage text CHECK (stage IN ('street', 'health', 'finance')),
        phase text NOT NULL,
        attempt int NOT NULL DEFAULT 1,
        cursor text,
        done int NOT NULL DEFAULT 0,
        total int NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        stale boolean NOT NULL DEFAULT false,
        streets text[] NOT NULL DEFAULT '{}',
        totals jsonb,
        budgets jsonb NOT NULL DEFAULT '[]'::jsonb,
        returned jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by jsonb NOT NULL,
        computed_at timestamptz,
        posted_at timestamptz,
        CONSTRAINT run_division_month_unique UNIQUE (division_code, month)
      )`,
    `CREATE INDEX run_month ON run (month)`,
    `CREATE INDEX run_computing ON run (lease_until) WHERE status = 'computing'`,
    `
      CREATE TABLE run_approval (
        id uuid PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES run (id),
        round int NOT NULL,
        stage text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('approve', 'reject')),
        division_codes text[] NOT NULL,
        actor jsonb NOT NULL,
        reason text,
        comment text,
        at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX run_approval_run ON run_approval (run_id, at)`,
    // One line per institution × child × rule (× corrected month for adjustments). The key has
    // no timestamp: recomputing the same inputs writes the same keys, and the primary key
    // makes a resumed batch unable to write a line twice.
    `
      CREATE TABLE run_line (
        run_id uuid NOT NULL REFERENCES run (id),
        line_key text NOT NULL,
        id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('regular', 'adjustment')),
        period text NOT NULL,
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        division_code text NOT NULL,
        child_key text,
        roster_line_no int,
        policy_key text NOT NULL,
        policy_version text NOT NULL,
        rule_id text NOT NULL,
        rule_kind text NOT NULL,
        rule_title text NOT NULL,
        status text NOT NULL CHECK (status IN ('payable', 'ineligible', 'held')),
        base_fen bigint NOT NULL,
        amount_fen bigint NOT NULL,
        capped boolean NOT NULL DEFAULT false,
        reason_code text,
        explanation text NOT NULL,
        inputs jsonb NOT NULL,
        orig_key text NOT NULL,
        budget_key text,
        adjusts_line_id uuid,
        PRIMARY KEY (run_id, line_key),
        CONSTRAINT run_line_id_unique UNIQUE (id)
      )`,
    `CREATE INDEX run_line_listing ON run_line (run_id, institution_id, line_key)`,
    `CREATE INDEX run_line_orig ON run_line (orig_key)`,
    `CREATE INDEX run_line_once ON run_line (institution_id, rule_kind) WHERE rule_kind IN ('opening_grant', 'demonstration_award')`,
    `CREATE INDEX run_line_budget ON run_line (budget_key) WHERE budget_key IS NOT NULL`,
    // Corrections to months already posted: the next run of the division turns them into adjustment lines.
    `
      CREATE TABLE recalc_request (
        id bigserial PRIMARY KEY,
        institution_id uuid NOT NULL,
        month text NOT NULL,
        reason text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        consumed_by_run uuid
      )`,
    `CREATE INDEX recalc_request_open ON recalc_request (institution_id, month) WHERE consumed_by_run IS NULL`,
    `CREATE INDEX recalc_request_run ON recalc_request (consumed_by_run)`,
    // The payment ledger: one entry per posted run and institution; posting twice adds nothing.
    `
      CREATE TABLE ledger_entry (
        id uuid PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES run (id),
        month text NOT NULL,
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        division_code text NOT NULL,
        amount_fen bigint NOT NULL,
        lines int NOT NULL,
        posted_at timestamptz NOT NULL DEFAULT now(),
        posted_by jsonb NOT NULL,
        CONSTRAINT ledger_entry_run_institution UNIQUE (run_id, institution_id)
      )`,
    `CREATE INDEX ledger_entry_institution ON ledger_entry (institution_id, month)`,
  ];

  protected readonly downSteps = [
    'ledger_entry',
    'recalc_request',
    'run_line',
    'run_approval',
    'run',
    'policy_version',
    'duplicate_claim',
    'roster_entry',
    'roster',
    'finding_replica',
    'institution_fact',
    'institution_replica',
  ].map((table) => `DROP TABLE ${table}`);
}
