import type { PiiCipher } from '@shanyu/common';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { piiAdminHandlersFor, RULE_DOCUMENTS, type RuleDocumentSource, ruleHandlersFor, type ServiceRuntime } from '@shanyu/messaging';
import { ChecklistCatalog } from './checklists/checklist-catalog.js';
import { ChecklistHandlers } from './checklists/checklist.handlers.js';
import { ListChecklists, PublishChecklist } from './checklists/checklist.use-cases.js';
import { ComplaintHandlers } from './complaints/complaint.handlers.js';
import { FileComplaint, ListComplaints, RecordComplaintOutcome, TriageComplaint } from './complaints/complaint.use-cases.js';
import { RectificationHandlers } from './findings/rectification.handlers.js';
import { PostFilingHandlers } from './post-filing/post-filing.handlers.js';
import { ListPostFilingChecks } from './post-filing/post-filing-checks.js';
import { GetRectification, ListRectifications, ReportRectification, VerifyRectification } from './findings/rectification.use-cases.js';
import { ComputeInspectionIndicators } from './indicators/compute-inspection-indicators.query.js';
import { InspectionIndicatorHandlers } from './indicators/indicators.handlers.js';
import { CompleteInspection } from './inspections/complete-inspection.js';
import { CreateInspection } from './inspections/create-inspection.use-case.js';
import { CreateReinspection } from './inspections/create-reinspection.use-case.js';
import { InspectionHandlers } from './inspections/inspection.handlers.js';
import { GetInspection, GetInspectionForm, GetRectificationNotice, ListInspections } from './inspections/inspection.queries.js';
import { RecordResults } from './inspections/record-results.use-case.js';
import { DecideLateResult, ListLateResults, ListResultVersions, ResolveResult } from './inspections/result-versions.use-cases.js';
import { SignOff } from './inspections/sign-off.use-case.js';
import { InspectorHandlers } from './inspectors/inspector.handlers.js';
import { AddConflict, AddInspector, ListInspectors } from './inspectors/inspector.use-cases.js';
import { PenaltyHandlers } from './penalties/penalty.handlers.js';
import { IssuePenalty, ListPenalties } from './penalties/penalty.use-cases.js';
import { CommitPlan } from './plans/commit-plan.use-case.js';
import { DrawPlan } from './plans/draw-plan.use-case.js';
import { PlanHandlers } from './plans/plan.handlers.js';
import { GetInstitutionPlanDraws, GetPlan, GetPlanDraws, GetPlanPool, ListPlans } from './plans/plan.queries.js';
import type { SupervisionPolicies } from './policy/supervision-policies.js';
import { SupervisionPolicyHandlers } from './policy/supervision-policy.handlers.js';
import { PublishSupervisionPolicy } from './policy/supervision-policy.use-cases.js';
import { PublicHandlers } from './public/public.handlers.js';
import { PublicComplaints, PublicInspections } from './public/public.queries.js';
import type { WorkingDayCalendarProvider } from '@shanyu/messaging';
import { SelfInspectionHandlers } from './self-inspections/self-inspection.handlers.js';
import { ListSelfInspections, SelfInspectionForm, SubmitSelfInspection } from './self-inspections/self-inspection.use-cases.js';

export interface InspectionDependencies {
  runtime: ServiceRuntime;
  calendars: WorkingDayCalendarProvider;
  catalog: ChecklistCatalog;
  /** The supervision policy documents (family supervision), resolved per division and date. */
  policies: SupervisionPolicies;
  cipher: PiiCipher;
  /** The clock dates and deadlines are counted by (tests move it). */
  now: () => Date;
}

@Module({})
export class InspectionModule {
  static register({ runtime, calendars, catalog, policies, cipher, now }: InspectionDependencies): DynamicModule {
    const { unitOfWork: uow, dataSource: ds } = runtime;
    const provide = (instance: object): Provider => ({ provide: instance.constructor, useValue: instance });
    const complete = new CompleteInspection(policies, calendars);
    // The two rule families this service keeps, for inspection.rules.effective|diff|documents.
    const ruleDocuments: RuleDocumentSource = {
      documents: async (family) => (family === 'inspection' ? catalog.documents(ds.manager) : family === 'supervision' ? policies.documents(ds.manager) : []),
    };
    const useCases: Provider[] = [
      new ListChecklists(ds, catalog, now),
      new PublishChecklist(uow, catalog, now),
      new AddInspector(uow),
      new ListInspectors(ds),
      new AddConflict(uow),
      new PublishSupervisionPolicy(uow, policies, now),
      new CommitPlan(uow, catalog, policies, now),
      new DrawPlan(uow, policies, now),
      new GetPlan(ds),
      new ListPlans(ds),
      new GetPlanPool(ds),
      new GetPlanDraws(ds),
      new GetInstitutionPlanDraws(ds),
      new CreateInspection(uow, catalog, policies, now),
      new GetInspection(ds, now),
      new ListInspections(ds, now),
      new GetInspectionForm(ds, now),
      new RecordResults(uow, now),
      new ListResultVersions(ds, now),
      new ListLateResults(ds, now),
      new ResolveResult(uow, now),
      new DecideLateResult(uow, complete, now),
      new SignOff(uow, complete, now),
      new CreateReinspection(uow, policies, now),
      new GetRectificationNotice(ds, now),
      new ListRectifications(ds, now),
      new ListPostFilingChecks(ds, now),
      new GetRectification(ds, now),
      new VerifyRectification(uow, now),
      new ReportRectification(uow, now),
      new IssuePenalty(uow, catalog, now),
      new ListPenalties(ds),
      new SubmitSelfInspection(uow, catalog, now),
      new ListSelfInspections(ds),
      new SelfInspectionForm(ds, catalog, now),
      new FileComplaint(uow, cipher, now),
      new ListComplaints(ds),
      new TriageComplaint(uow, now),
      new RecordComplaintOutcome(uow, now),
      new PublicInspections(ds, now),
      new PublicComplaints(ds),
      new ComputeInspectionIndicators(ds, now),
    ].map(provide);
    return {
      module: InspectionModule,
      controllers: [
        ChecklistHandlers,
        SupervisionPolicyHandlers,
        ruleHandlersFor('inspection'),
        InspectorHandlers,
        PlanHandlers,
        InspectionHandlers,
        RectificationHandlers,
        PostFilingHandlers,
        PenaltyHandlers,
        SelfInspectionHandlers,
        ComplaintHandlers,
        PublicHandlers,
        InspectionIndicatorHandlers,
        piiAdminHandlersFor('inspection', cipher, [{ table: 'complaint', idColumn: 'id', cipherColumn: 'contact_cipher' }]),
      ],
      providers: [...useCases, { provide: RULE_DOCUMENTS, useValue: ruleDocuments }],
    };
  }
}
