/** Departments with lists and inspectors (the inspection service checks divisions and assignments again). */
export const INSPECTING = ['health', 'market', 'fire', 'police', 'education', 'hrss', 'civil', 'street'] as const;

/** A draws page carries every drawn institution's inspectors, so its size is bounded by what fits one NATS message. */
export const PLAN_DRAWS_PAGE_SIZE =
  "1–500, default 100; fewer with many inspectors per department (at 8 departments × 10, about 220: 400 VALIDATION names the limit), so that a page fits NATS's 1 MB";
