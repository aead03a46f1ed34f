import { type Actor, addDays, divisionPrefix, scopePrefixes, shanghaiToday } from '@shanyu/common';
import {
  type EventEnvelope,
  institutionOf,
  isEvent,
  type ListPostFilingChecksRequest,
  type Page,
  type PostFilingCheckView,
  RegistryEvt,
} from '@shanyu/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { assertCovers, assertDepartment } from '../access.js';
import type { SupervisionPolicies } from '../policy/supervision-policies.js';
import { PostFilingCheckRepository } from './post-filing-check.repository.js';

/** The departments that supervise filed institutions and so see what is due after a filing (not operators). */
const READERS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance'] as const;

/**
 * 备案后核查: evt.registry.filing.approved.v1 schedules the institution's first on-site visit,
 * due within the period the supervision policy in force on the filing day sets
 * (postFilingVisitDays; none where no policy sets one). The first inspection completed on or after
 * the filing day is that visit, whichever of the two events arrives first.
 */
export class SchedulePostFilingCheck {
  constructor(private readonly policies: SupervisionPolicies) {}

  async follow(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!isEvent(RegistryEvt.filingApproved, event)) return;
    const institution = institutionOf(event);
    if (!institution?.id || typeof institution.divisionCode !== 'string') return;
    const filedOn = shanghaiToday(new Date(event.occurredAt));
    const policy = await this.policies.policyFor(manager, institution.divisionCode, filedOn);
    if (policy.postFilingVisitDays === null) return;
    await new PostFilingCheckRepository(manager).schedule({
      institutionId: institution.id,
      divisionCode: institution.divisionCode,
      filedOn,
      dueOn: addDays(filedOn, policy.postFilingVisitDays),
      policyVersion: policy.version,
      source: policy.sources.postFilingVisitDays,
    });
  }
}

/** The checks in the caller's divisions (or one of them), with their status today. */
export class ListPostFilingChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
  ) {}

  async execute(request: ListPostFilingChecksRequest, actor: Actor): Promise<Page<PostFilingCheckView>> {
    assertDepartment(actor, READERS, '查看备案后核查');
    if (request.divisionCode) assertCovers(actor, request.divisionCode);
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 20;
    const today = shanghaiToday(this.now());
    const { rows, total } = await new PostFilingCheckRepository(this.dataSource.manager).page(
      {
        prefixes: request.divisionCode ? [divisionPrefix(request.divisionCode)] : scopePrefixes(actor),
        institutionId: request.institutionId ?? null,
        status: request.status ?? null,
        today,
      },
      page,
      pageSize,
    );
    const items = rows.map((r): PostFilingCheckView => ({
      institutionId: r.institution_id,
      institutionName: r.institution_name,
      divisionCode: r.division_code,
      filedOn: r.filed_on,
      dueOn: r.due_on,
      status: r.inspection_id ? 'done' : r.due_on < today ? 'overdue' : 'due',
      inspectionId: r.inspection_id,
      visitedOn: r.visited_on,
      policyVersion: r.policy_version,
      source: r.source,
    }));
    return { items, total, page, pageSize };
  }
}
