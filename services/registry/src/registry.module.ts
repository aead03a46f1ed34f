import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { RULE_DOCUMENTS, ruleHandlersFor, type ServiceRuntime } from '@shanyu/messaging';
import { DecideFiling } from './filing/decide-filing.use-case.js';
import { FilingHandlers } from './filing/filing.handlers.js';
import { GetFiling } from './filing/get-filing.query.js';
import { ListFilings } from './filing/list-filings.query.js';
import { GetReceipt, VerifyReceipt } from './filing/receipts.query.js';
import { SubmitFiling } from './filing/submit-filing.use-case.js';
import { WorkingDayCalendarProvider } from '@shanyu/messaging';
import { ComputeIndicators } from './indicators/compute-indicators.query.js';
import { IndicatorHandlers } from './indicators/indicators.handlers.js';
import { GetInstitution } from './institutions/get-institution.query.js';
import { InstitutionAccessPolicy } from './institutions/institution-access.policy.js';
import { InstitutionHandlers } from './institutions/institution.handlers.js';
import { ListInstitutions } from './institutions/list-institutions.query.js';
import { RegisterInstitution } from './institutions/register-institution.use-case.js';
import { UpdateInstitution } from './institutions/update-institution.use-case.js';
import { ListPopulation, LoadPopulation } from './population/load-population.use-case.js';
import { PopulationHandlers } from './population/population.handlers.js';
import { PublicHandlers } from './public/public.handlers.js';
import { PublicRegister } from './public/public-register.query.js';
import { DeregisterInstitution } from './statuses/deregister-institution.use-case.js';
import { DesignateDemonstration } from './statuses/designate-demonstration.use-case.js';
import { SetInclusive } from './statuses/set-inclusive.use-case.js';
import { StatusHandlers } from './statuses/status.handlers.js';
import { RegistryRuleDocuments } from './rules/registry-rule-documents.js';
import { PublishRuleDocument } from './rules/publish-rule-document.use-case.js';
import { RuleDocumentHandlers } from './rules/rule-document.handlers.js';

export interface RegistryDependencies {
  runtime: ServiceRuntime;
  calendars: WorkingDayCalendarProvider;
  /** The clock deadlines and receipts are dated by (tests move it). */
  now?: () => Date;
}

@Module({})
export class RegistryModule {
  static register({ runtime, calendars, now = () => new Date() }: RegistryDependencies): DynamicModule {
    const { unitOfWork: uow, dataSource: ds } = runtime;
    const policy = new InstitutionAccessPolicy();
    // The filing standards as rule documents by jurisdiction (built-in ones stored at start, app.ts).
    const rules = new RegistryRuleDocuments(ds);
    const useCases: Provider[] = [
      { provide: RegisterInstitution, useValue: new RegisterInstitution(uow, policy, now) },
      { provide: UpdateInstitution, useValue: new UpdateInstitution(uow, policy, rules, now) },
      { provide: GetInstitution, useValue: new GetInstitution(ds, policy) },
      { provide: ListInstitutions, useValue: new ListInstitutions(ds) },
      { provide: SubmitFiling, useValue: new SubmitFiling(uow, policy, rules, calendars, now) },
      { provide: DecideFiling, useValue: new DecideFiling(uow, policy, now) },
      { provide: GetFiling, useValue: new GetFiling(ds, policy) },
      { provide: ListFilings, useValue: new ListFilings(ds) },
      { provide: GetReceipt, useValue: new GetReceipt(ds, policy) },
      { provide: VerifyReceipt, useValue: new VerifyReceipt(ds) },
      { provide: SetInclusive, useValue: new SetInclusive(uow, policy) },
      { provide: DesignateDemonstration, useValue: new DesignateDemonstration(uow, policy) },
      { provide: DeregisterInstitution, useValue: new DeregisterInstitution(uow, policy, now) },
      { provide: PublicRegister, useValue: new PublicRegister(ds) },
      { provide: LoadPopulation, useValue: new LoadPopulation(uow) },
      { provide: ListPopulation, useValue: new ListPopulation(ds) },
      { provide: ComputeIndicators, useValue: new ComputeIndicators(ds, rules, now) },
      { provide: PublishRuleDocument, useValue: new PublishRuleDocument(uow, now) },
      { provide: RULE_DOCUMENTS, useValue: rules },
    ];
    return {
      module: RegistryModule,
      controllers: [
        InstitutionHandlers,
        FilingHandlers,
        StatusHandlers,
        PublicHandlers,
        PopulationHandlers,
        IndicatorHandlers,
        RuleDocumentHandlers,
        ruleHandlersFor('registry'),
      ],
      providers: [...useCases],
    };
  }
}
