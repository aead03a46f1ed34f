import { DomainError } from '@shanyu/common';
import type { CreditGrade, DrawInput, DrawnInstitution, InspectionAlert, PlanPoolEntryView } from '@shanyu/contracts';
import { copyField, copyRows, schemaTable } from '@shanyu/persistence';
import { type EntityManager, In } from 'typeorm';
import { type DivisionScope, scopeCondition } from '../division-scope.js';
import { InspectionPlan } from './plan.entity.js';
import type { DrawInputHeader } from './plan-rows.js';
import { DRAW_ALGORITHM_V2 } from '../draw/draw.js';

/**
 * Columns of a plan that stay small whatever the pool: views and lists select only these (the
 * jsonb draw input, names and result of a province's pool run to tens of MB, bench/draw.mjs).
 */
export const PLAN_SUMMARY_COLUMNS = [
  'id',
  'title',
  'divisionCode',
  'periodFrom',
  'periodTo',
  'departments',
  'status',
  'policyVersion',
  'poolHash',
  'seedCommitment',
  'seed',
  'publicEntropy',
  'summary',
  'committedAt',
  'drawnAt',
] as const satisfies readonly (keyof InspectionPlan)[];
export type PlanSummaryRow = Pick<InspectionPlan, (typeof PLAN_SUMMARY_COLUMNS)[number]>;
const PLAN_SUMMARY_SELECT = Object.fromEntries(PLAN_SUMMARY_COLUMNS.map((c) => [c, true])) as Record<(typeof PLAN_SUMMARY_COLUMNS)[number], true>;

export type NewPlan = Omit<InspectionPlan, 'version'>;

/** A drawn institution (plan_draw) with its pool row's name and the joint inspection opened for it (if any). */
export interface DrawRow {
  plan_id: string;
  position: number;
  institution_id: string;
  name: string;
  grade: CreditGrade;
  /** shanyu-draw/v2 plans: whether drawn from the filed strata; null for v1 plans. */
  filed: boolean | null;
  /** Comma-separated: node-pg's array parser reads a uuid[] character by character (a 500-entry page of 7 × 2 inspectors: 7,000 ids). */
  inspectors: string;
  alerts: InspectionAlert[];
  inspection_id: string | null;
}

/** The plan's view parts kept in its jsonb columns, without the per-institution parts. */
export interface PlanPublishedParts {
  input: DrawInput;
  inspectors: Record<string, string>;
  excluded: InspectionPlan['excluded'];
}

function planNotFound(id: string): DomainError {
  return new DomainError('PLAN_NOT_FOUND', `抽查计划 ${id} 不存在`);
}

/** A jsonb field of a COPY row: NULL when empty, as almost all conflicts and last-time lists are. */
const jsonField = (value: object | undefined): string => (value && Object.keys(value).length ? copyField(JSON.stringify(value)) : '\\N');

const UUID_TEXT = 36;

/**
 * 双随机 plans. The plan row is an entity; its pool and result are rows of plan_pool and plan_draw
 * (no entities), written with COPY and read in SQL, paged by position, aggregated in PostgreSQL — a province's pool is 100,000 rows.
 */
export class PlanRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(InspectionPlan);
  }

  private table(name: 'inspection_plan' | 'plan_pool' | 'plan_draw' | 'inspection'): string {
    return schemaTable(this.manager, name);
  }

  /** The whole plan, locked until the transaction ends. */
  async lock(id: string): Promise<InspectionPlan> {
    const plan = await this.rows.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!plan) throw planNotFound(id);
    return plan;
  }

  /** The plan's small columns. */
  async summary(id: string): Promise<PlanSummaryRow> {
    const plan = await this.rows.findOne({ select: PLAN_SUMMARY_SELECT, where: { id } });
    if (!plan) throw planNotFound(id);
    return plan;
  }

  summaries(ids: string[]): Promise<PlanSummaryRow[]> {
    return this.rows.find({ select: PLAN_SUMMARY_SELECT, where: { id: In(ids) } });
  }

  /** The small columns of the plans inside the scope, latest committed first. */
  summariesWithin(scope: DivisionScope): Promise<PlanSummaryRow[]> {
    const within = scopeCondition('p.division_code', scope);
    return this.rows
      .createQueryBuilder('p')
      .select(PLAN_SUMMARY_COLUMNS.map((c) => `p.${c}`))
      .where(within.sql, within.params)
      .orderBy('p.committed_at', 'DESC')
      .getMany();
  }

  /** Only what opening an inspection from the plan needs. */
  async outline(id: string): Promise<Pick<InspectionPlan, 'id' | 'status' | 'departments'>> {
    const plan = await this.rows.findOne({ select: { id: true, status: true, departments: true }, where: { id } });
    if (!plan) throw planNotFound(id);
    return plan;
  }

  async add(fields: NewPlan): Promise<InspectionPlan> {
    const plan = this.rows.create(fields);
    // insert(), not save(): save() would look the id up and deep-compare the pool's jsonb (bench/draw.mjs).
    await this.manager.insert(InspectionPlan, plan);
    return plan;
  }

  /** Stores the draw's columns of the plan (status, public entropy, when and by whom, summary). */
  async recordDraw(plan: InspectionPlan): Promise<void> {
    // update() of the changed columns: save() would deep-compare the plan's jsonb to find them (bench/draw.mjs).
    await this.manager.update(
      InspectionPlan,
      { id: plan.id },
      {
        status: plan.status,
        publicEntropy: plan.publicEntropy,
        drawnAt: plan.drawnAt,
        drawnBy: plan.drawnBy,
        summary: plan.summary,
      },
    );
  }

  /**
   * The draw input's header, the inspectors' names and the first `excludedShown` exclusions. In SQL,
   * so that only these parts of the jsonb columns leave PostgreSQL, not a province's exclusions.
   */
  async publishedParts(id: string, excludedShown: number): Promise<PlanPublishedParts> {
    const [row] = (await this.manager.query(
      `SELECT draw_input - 'institutions' - 'conflicts' - 'lastTime' AS input, names->'inspectors' AS inspectors,
         (SELECT coalesce(jsonb_agg(x.e ORDER BY x.n), '[]'::jsonb) FROM jsonb_array_elements(excluded) WITH ORDINALITY AS x(e, n) WHERE x.n <= $2) AS excluded
       FROM ${this.table('inspection_plan')} WHERE id = $1`,
      [id, excludedShown],
    )) as PlanPublishedParts[];
    return row!;
  }

  /** The pool in pool order (position 1…N), each with its name, grade, conflicts and last-time inspectors. */
  async insertPool(planId: string, input: DrawInput, nameOf: (id: string) => string): Promise<void> {
    const { conflicts, lastTime } = input;
    function* rows(): Generator<string> {
      let position = 0;
      for (const i of input.institutions) {
        const filed = i.filed === false ? 'f' : 't';
        yield `${planId}\t${++position}\t${i.id}\t${copyField(nameOf(i.id))}\t${i.grade}\t${filed}\t${jsonField(conflicts[i.id])}\t${jsonField(lastTime[i.id])}\n`;
      }
    }
    await copyRows(
      this.manager,
      this.table('plan_pool'),
      ['plan_id', 'position', 'institution_id', 'name', 'grade', 'filed', 'conflicts', 'last_time'],
      rows(),
    );
  }

  /**
   * The whole draw input back from the plan's header and its pool rows. The pool comes as one text
   * value (36-character id + grade + filed flag per entry, in pool order) rather than 100,000 rows:
   * node-pg builds an object per row, the single string is split in a few milliseconds. Entries
   * carry `filed` only for shanyu-draw/v2 plans, as their input was hashed.
   */
  async drawInput(planId: string, header: DrawInputHeader): Promise<DrawInput> {
    const [row] = (await this.manager.query(
      `SELECT string_agg(institution_id::text || grade || CASE WHEN filed THEN '1' ELSE '0' END, '' ORDER BY position) AS pool,
         jsonb_object_agg(institution_id, conflicts) FILTER (WHERE conflicts IS NOT NULL) AS conflicts,
         jsonb_object_agg(institution_id, last_time) FILTER (WHERE last_time IS NOT NULL) AS last_time
       FROM ${this.table('plan_pool')} WHERE plan_id = $1`,
      [planId],
    )) as { pool: string | null; conflicts: DrawInput['conflicts'] | null; last_time: DrawInput['lastTime'] | null }[];
    const packed = row?.pool ?? '';
    const width = UUID_TEXT + 2;
    const v2 = header.algorithm === DRAW_ALGORITHM_V2;
    const institutions: DrawInput['institutions'] = new Array(packed.length / width);
    for (let i = 0, at = 0; at < packed.length; i++, at += width) {
      const entry = { id: packed.slice(at, at + UUID_TEXT), grade: packed[at + UUID_TEXT] as CreditGrade };
      institutions[i] = v2 ? { ...entry, filed: packed[at + UUID_TEXT + 1] === '1' } : entry;
    }
    return { ...header, institutions, conflicts: row?.conflicts ?? {}, lastTime: row?.last_time ?? {} };
  }

  /**
   * The drawn institutions in draw order; `poolPosition` (1-based) ties each to its pool row. The
   * inspectors are flattened in department order (plan_draw.inspectors).
   */
  async insertDraws(
    planId: string,
    departments: readonly string[],
    drawn: readonly DrawnInstitution[],
    poolPosition: (institutionId: string) => number,
    alerts: (institutionId: string) => InspectionAlert[],
  ): Promise<void> {
    function* rows(): Generator<string> {
      let position = 0;
      for (const d of drawn) {
        const filed = d.filed === undefined ? '\\N' : d.filed ? 't' : 'f';
        // A loop, not flatMap: flatMap took 80 of the 90 ms these rows cost at a province's draw.
        let inspectors = '';
        for (const dep of departments) for (const x of d.inspectors[dep] ?? []) inspectors = inspectors ? `${inspectors},${x}` : x;
        const found = alerts(d.institutionId);
        yield `${planId}\t${++position}\t${poolPosition(d.institutionId)}\t${d.institutionId}\t${d.grade}\t${filed}\t{${inspectors}}\t${found.length ? copyField(JSON.stringify(found)) : '\\N'}\n`;
      }
    }
    await copyRows(
      this.manager,
      this.table('plan_draw'),
      ['plan_id', 'position', 'pool_position', 'institution_id', 'grade', 'filed', 'inspectors', 'alerts'],
      rows(),
    );
  }

  /** A page of the pool in pool order: rows by position, so a page costs the same wherever it is in the pool. */
  poolPage(planId: string, page: number, pageSize: number): Promise<PlanPoolEntryView[]> {
    return this.manager.query(
      `SELECT institution_id AS "institutionId", name, grade, filed, coalesce(conflicts, '{}'::jsonb) AS conflicts, coalesce(last_time, '{}'::jsonb) AS "lastTime"
       FROM ${this.table('plan_pool')} WHERE plan_id = $1 AND position > $2 AND position <= $3 ORDER BY position`,
      [planId, (page - 1) * pageSize, page * pageSize],
    );
  }

  /** A page of the drawn institutions in draw order. */
  drawsPage(planId: string, page: number, pageSize: number): Promise<DrawRow[]> {
    return this.drawRows(`d.plan_id = $1 AND d.position > $2 AND d.position <= $3 ORDER BY d.position`, [planId, (page - 1) * pageSize, page * pageSize]);
  }

  /** How many plans drew the institution. */
  async drawCountOf(institutionId: string): Promise<number> {
    const [{ total }] = (await this.manager.query(`SELECT count(*)::int AS total FROM ${this.table('plan_draw')} WHERE institution_id = $1`, [
      institutionId,
    ])) as { total: number }[];
    return total;
  }

  /** A page of the draws of one institution, latest draw first: one indexed look-up in plan_draw (institution_id, plan_id). */
  drawsOfInstitution(institutionId: string, page: number, pageSize: number): Promise<DrawRow[]> {
    return this.drawRows(
      `d.institution_id = $1 ORDER BY (SELECT drawn_at FROM ${this.table('inspection_plan')} WHERE id = d.plan_id) DESC, d.plan_id LIMIT $2 OFFSET $3`,
      [institutionId, pageSize, (page - 1) * pageSize],
    );
  }

  /** The institution's entry in the plan's result, if it was drawn. */
  async drawnEntry(planId: string, institutionId: string): Promise<{ institutionId: string; inspectors: string[]; alerts: InspectionAlert[] } | undefined> {
    const [drawn] = (await this.manager.query(
      `SELECT institution_id, inspectors, coalesce(alerts, '[]'::jsonb) AS alerts FROM ${this.table('plan_draw')} WHERE plan_id = $1 AND institution_id = $2`,
      [planId, institutionId],
    )) as { institution_id: string; inspectors: string[]; alerts: InspectionAlert[] }[];
    return drawn && { institutionId: drawn.institution_id, inspectors: drawn.inspectors, alerts: drawn.alerts };
  }

  /** plan_draw rows (`where`: condition, order and limit) with their pool row's name and the joint inspection opened for each (if any). */
  private drawRows(where: string, params: unknown[]): Promise<DrawRow[]> {
    return this.manager.query(
      `SELECT d.plan_id, d.position, d.institution_id, p.name, d.grade, d.filed, array_to_string(d.inspectors, ',') AS inspectors, coalesce(d.alerts, '[]'::jsonb) AS alerts, i.id AS inspection_id
       FROM ${this.table('plan_draw')} d
       JOIN ${this.table('plan_pool')} p ON p.plan_id = d.plan_id AND p.position = d.pool_position
       LEFT JOIN ${this.table('inspection')} i ON i.plan_id = d.plan_id AND i.institution_id = d.institution_id
       WHERE ${where}`,
      params,
    );
  }
}
