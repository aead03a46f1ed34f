import { SchemaMigration } from '@shanyu/persistence';

export class Inspection1764000000100 extends SchemaMigration {
  name = 'Inspection1764000000100';

  protected readonly upSteps = [
    // Replicas of other services' facts, fed by their events (never their tables).
    `
      CREATE TABLE institution (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        division_code text NOT NULL,
        status text NOT NULL,
        operator_type text NOT NULL,
        owner_user_id text,
        total_places int NOT NULL DEFAULT 0,
        source_version int NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE INDEX institution_filed ON institution (division_code text_pattern_ops) WHERE status = 'filed'`,
    `CREATE INDEX institution_owner ON institution (owner_user_id) WHERE owner_user_id IS NOT NULL`,
    `
      CREATE TABLE institution_grade (
        institution_id uuid PRIMARY KEY,
        grade char(1) NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
        changed_at timestamptz NOT NULL,
        event_id uuid NOT NULL
      )`,
    `
      CREATE TABLE calendar_year (
        year int PRIMARY KEY,
        source text NOT NULL,
        entries jsonb NOT NULL,
        loaded_at timestamptz NOT NULL
      )`,
    // 两张清单: versions are inserted, never updated.
    `
      CREATE TABLE checklist_version (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('inspection', 'penalty')),
        department text NOT NULL,
        version text NOT NULL,
        effective_from date NOT NULL,
        title text NOT NULL,
        source text NOT NULL,
        inspection_items jsonb NOT NULL,
        penalty_items jsonb NOT NULL,
        origin text NOT NULL CHECK (origin IN ('built-in', 'published')),
        published_at timestamptz NOT NULL,
        published_by jsonb,
        UNIQUE (kind, department, version)
      )`,
    `
      CREATE TABLE inspector (
        id uuid PRIMARY KEY,
        department text NOT NULL,
        name text NOT NULL,
        badge_no text NOT NULL,
        division_codes text[] NOT NULL,
        user_id text UNIQUE,
        username text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (department, badge_no)
      )`,
    `
      CREATE TABLE inspector_conflict (
        inspector_id uuid NOT NULL REFERENCES inspector(id),
        institution_id uuid NOT NULL,
        reason text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by jsonb NOT NULL,
        PRIMARY KEY (inspector_id, institution_id)
      )`,
    `
      CREATE TABLE inspection_plan (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        division_code text NOT NULL,
        period_from date NOT NULL,
        period_to date NOT NULL,
        departments text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('committed', 'drawn')),
        policy_version text NOT NULL,
        draw_input jsonb NOT NULL,
        names jsonb NOT NULL,
        excluded jsonb NOT NULL,
        pool_hash text NOT NULL,
        seed_commitment text NOT NULL,
        seed text NOT NULL,
        public_entropy text,
        result jsonb,
        committed_at timestamptz NOT NULL,
        committed_by jsonb NOT NULL,
        drawn_at timestamptz,
        drawn_by jsonb,
        version int NOT NULL
      )`,
    `CREATE INDEX inspection_plan_division ON inspection_plan (division_code text_pattern_ops, committed_at DESC)`,
    `
      CREATE TABLE inspection (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('planned', 'adhoc', 'complaint', 'reinspection')),
        plan_id uuid REFERENCES inspection_plan(id),
        complaint_id uuid,
        original_inspection_id uuid REFERENCES inspection(id),
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        division_code text NOT NULL,
        grade char(1) NOT NULL,
        form_kind text NOT NULL CHECK (form_kind IN ('full', 'abbreviated', 'reinspection')),
        scheduled_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'completed')),
        lead_department text NOT NULL,
        departments jsonb NOT NULL,
        form jsonb NOT NULL,
        alerts jsonb NOT NULL,
        policy_version text NOT NULL,
        notice_no text UNIQUE,
        created_at timestamptz NOT NULL,
        created_by jsonb NOT NULL,
        completed_at timestamptz,
        completed_on date,
        version int NOT NULL
      )`,
    `CREATE UNIQUE INDEX inspection_one_per_drawn_institution ON inspection (plan_id, institution_id) WHERE plan_id IS NOT NULL`,
    `CREATE INDEX inspection_institution ON inspection (institution_id, scheduled_on DESC)`,
    `CREATE INDEX inspection_public ON inspection (division_code text_pattern_ops, completed_at DESC) WHERE status = 'completed'`,
    `
      CREATE TABLE inspection_result (
        inspection_id uuid NOT NULL REFERENCES inspection(id),
        item_code text NOT NULL,
        department text NOT NULL,
        result text NOT NULL CHECK (result IN ('pass', 'fail', 'not_applicable')),
        note text,
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        inspector_id uuid NOT NULL REFERENCES inspector(id),
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (inspection_id, item_code)
      )`,
    `
      CREATE TABLE finding (
        id uuid PRIMARY KEY,
        inspection_id uuid NOT NULL REFERENCES inspection(id),
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        division_code text NOT NULL,
        department text NOT NULL,
        item_code text NOT NULL,
        item jsonb NOT NULL,
        note text,
        recorded_on date NOT NULL,
        deadline date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'reported', 'corrected', 'not_corrected')),
        report jsonb,
        closed_on date,
        closure jsonb,
        reinspection_id uuid REFERENCES inspection(id),
        overdue_notified_on date,
        version int NOT NULL,
        UNIQUE (inspection_id, item_code)
      )`,
    `CREATE INDEX finding_institution ON finding (institution_id, recorded_on DESC)`,
    `CREATE INDEX finding_open ON finding (deadline) WHERE status IN ('open', 'reported')`,
    `
      CREATE TABLE penalty (
        id uuid PRIMARY KEY,
        finding_id uuid NOT NULL REFERENCES finding(id),
        inspection_id uuid NOT NULL REFERENCES inspection(id),
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        division_code text NOT NULL,
        department text NOT NULL,
        penalty_item_code text NOT NULL,
        penalty_item jsonb NOT NULL,
        checklist_version text NOT NULL,
        kinds text[] NOT NULL,
        fine_fen bigint,
        decision_no text NOT NULL,
        reason text NOT NULL,
        issued_on date NOT NULL,
        issued_by jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (department, decision_no)
      )`,
    `CREATE INDEX penalty_institution ON penalty (institution_id)`,
    `
      CREATE TABLE self_inspection (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        results jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by jsonb NOT NULL
      )`,
    `CREATE INDEX self_inspection_institution ON self_inspection (institution_id, submitted_at DESC)`,
    `
      CREATE TABLE complaint (
        id uuid PRIMARY KEY,
        institution_id uuid NOT NULL,
        institution_name text NOT NULL,
        division_code text NOT NULL,
        category text NOT NULL,
        description text NOT NULL,
        occurred_on date,
        department text NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'accepted', 'rejected', 'closed')),
        contact_cipher text,
        contact_masked jsonb,
        received_at timestamptz NOT NULL,
        triage jsonb,
        inspection_id uuid REFERENCES inspection(id),
        outcome jsonb,
        version int NOT NULL
      )`,
    `CREATE INDEX complaint_division ON complaint (division_code text_pattern_ops, received_at DESC)`,
    `
      CREATE TABLE notice_sequence (
        county char(6) NOT NULL,
        year int NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (county, year)
      )`,
  ];

  protected readonly downSteps = [
    'notice_sequence',
    'complaint',
    'self_inspection',
    'penalty',
    'finding',
    'inspection_result',
    'inspection',
    'inspection_plan',
    'inspector_conflict',
    'inspector',
    'checklist_version',
    'calendar_year',
    'institution_grade',
    'institution',
  ].map((table) => `DROP TABLE ${table}`);
}
