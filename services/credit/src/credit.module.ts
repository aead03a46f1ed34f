import { type DynamicModule, Module } from '@nestjs/common';
import { RULE_DOCUMENTS, ruleHandlersFor, type ServiceRuntime } from '@shanyu/messaging';
import { CreditAccessPolicy } from './access/credit-access.policy.js';
import { CreditHandlers } from './credit.handlers.js';
import { ComputeCreditIndicators } from './indicators/compute-credit-indicators.query.js';
import { CreditIndicatorHandlers } from './indicators/indicators.handlers.js';
import type { Ledger } from './ledger/ledger.js';
import type { Standings } from './ledger/standings.js';
import type { CreditModelStore } from './model/credit-rule-documents.js';
import { CreditRuleHandlers } from './model/credit-rule.handlers.js';
import { PublishCreditModel } from './model/publish-credit-model.use-case.js';
import { CreditLists, GetCredit, ListCreditModels, PublicCredit } from './queries/credit.queries.js';
import { DecideListing, ListingQueries, StartListing, StateListingCase } from './listing/listing.use-cases.js';
import { DecideRepair, RepairQueries, RequestRepair } from './repair/repair.use-cases.js';

export interface CreditDependencies {
  runtime: ServiceRuntime;
  /** The built-in and published credit rule documents, read where a model is needed. */
  models: CreditModelStore;
  ledger: Ledger;
  standings: Standings;
  /** The clock "today" is taken from (tests move it). */
  now: () => Date;
}

@Module({})
export class CreditModule {
  static register({ runtime, models, ledger, standings, now }: CreditDependencies): DynamicModule {
    const { unitOfWork: uow, dataSource: ds } = runtime;
    const policy = new CreditAccessPolicy();
    return {
      module: CreditModule,
      controllers: [CreditHandlers, CreditIndicatorHandlers, CreditRuleHandlers, ruleHandlersFor('credit')],
      providers: [
        { provide: GetCredit, useValue: new GetCredit(ds, models, ledger, policy, now) },
        { provide: CreditLists, useValue: new CreditLists(ds, policy) },
        { provide: ListCreditModels, useValue: new ListCreditModels(ds, models) },
        { provide: RULE_DOCUMENTS, useValue: models },
        { provide: PublishCreditModel, useValue: new PublishCreditModel(uow, models, now) },
        { provide: PublicCredit, useValue: new PublicCredit(ds, models, now) },
        { provide: RequestRepair, useValue: new RequestRepair(uow, models, ledger, policy, now) },
        { provide: DecideRepair, useValue: new DecideRepair(uow, models, ledger, standings, policy, now) },
        { provide: RepairQueries, useValue: new RepairQueries(ds, policy) },
        { provide: StartListing, useValue: new StartListing(uow, models, ledger, policy, now) },
        { provide: StateListingCase, useValue: new StateListingCase(uow, policy, now) },
        { provide: DecideListing, useValue: new DecideListing(uow, models, ledger, policy, now) },
        { provide: ListingQueries, useValue: new ListingQueries(ds, policy, now) },
        { provide: ComputeCreditIndicators, useValue: new ComputeCreditIndicators(ds, models, now) },
      ],
    };
  }
}
