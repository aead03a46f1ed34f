// The order files start in. Vitest runs a project's files as workers come free, so the wall time of
// a parallel run is at best the longest file and at worst the last long file started late: the
// slowest files go first (longest processing time first), the many short ones fill in behind.
// Vitest's own order needs durations from an earlier run (its cache is in node_modules, so a fresh
// clone has none) and falls back to file size, which puts, say, the authorization matrix's table
// before the browser tests. Files known to be slow are therefore named here with their usual
// duration on this 2-core machine; Vitest's order decides among the rest.
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds a file usually takes (its hooks included), measured with two files running at once. A
 * negative weight puts a file after every unweighted one of its group, in that order. In the first
 * group the fault suite of every service starts at once (it builds the services first); the unit
 * tests go on the other worker while it builds; then the other fault file, `npm start` and the
 * production start, which need that build.
 */
export const SLOW_FILES: Readonly<Record<string, number>> = {
  'tests/browser/console-actions.e2e-spec.ts': 110,
  'tests/browser/people.e2e-spec.ts': 85,
  'tests/browser/field-truth.e2e-spec.ts': 70,
  'tests/faults/faults-services.e2e-spec.ts': 100,
  'tests/e2e/local-start.e2e-spec.ts': -2,
  'tests/e2e/production-start.e2e-spec.ts': -3,
  'tests/authz/authorization-matrix.e2e-spec.ts': 55,
  'tests/ops/credit-replay.e2e-spec.ts': 40,
  'tests/faults/faults.e2e-spec.ts': -1,
  'tests/fuzz/bad-input.e2e-spec.ts': 30,
  'tests/e2e/event-path.e2e-spec.ts': 25,
  'tests/lint/architecture.spec.ts': 10,
};

export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const known = (spec: TestSpecification) => SLOW_FILES[path.relative(root, spec.moduleId).split(path.sep).join('/')] ?? 0;
    const base = await super.sort(files);
    const position = new Map(base.map((spec, i) => [spec, i]));
    return [...base].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      if (group !== 0) return group;
      return known(b) - known(a) || position.get(a)! - position.get(b)!;
    });
  }
}
