import { SchemaMigration } from '@shanyu/persistence';

const counts = (list: string) => `(SELECT jsonb_build_object('institutions', count(*), 'byGrade', jsonb_build_object(
      'A', count(*) FILTER (WHERE e->>'grade' = 'A'), 'B', count(*) FILTER (WHERE e->>'grade' = 'B'),
      'C', count(*) FILTER (WHERE e->>'grade' = 'C'), 'D', count(*) FILTER (WHERE e->>'grade' = 'D'))) FROM jsonb_array_elements(${list}) e)`;

/**
 * A plan's counts (pool and result by credit grade, institutions left out) kept beside its jsonb:
 * listing plans must not read a province's pool (bench/draw.mjs: 100,000 institutions, 12 MB).
 */
export class PlanSummary1764000000300 extends SchemaMigration {
  name = 'PlanSummary1764000000300';

  protected readonly upSteps = [
    `ALTER TABLE inspection_plan ADD COLUMN IF NOT EXISTS summary jsonb`,
    `
      UPDATE inspection_plan SET summary = jsonb_build_object(
        'pool', ${counts(`draw_input->'institutions'`)},
        'result', CASE WHEN result IS NULL THEN 'null'::jsonb ELSE ${counts('result')} END,
        'excludedTotal', jsonb_array_length(excluded),
        'inspectorsPerDepartment', (draw_input->>'inspectorsPerDepartment')::int)
      WHERE summary IS NULL`,
    `ALTER TABLE inspection_plan ALTER COLUMN summary SET NOT NULL`,
  ];

  protected readonly downSteps = [`ALTER TABLE inspection_plan DROP COLUMN IF EXISTS summary`];
}
