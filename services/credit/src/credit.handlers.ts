import type { Actor } from '@shanyu/common';
import {
  CreditListRequest,
  CreditRpc,
  DecideListingRequest,
  DecideRepairRequest,
  GetCreditRequest,
  ListingIdRequest,
  ListingStatementRequest,
  ListListingsRequest,
  ListRepairRequestsRequest,
  PublicCreditListRequest,
  PublicCreditRequest,
  RepairIdRequest,
  RequestRepairRequest,
  StartListingRequest,
} from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreditLists, GetCredit, ListCreditModels, PublicCredit } from './queries/credit.queries.js';
import { DecideListing, ListingQueries, StartListing, StateListingCase } from './listing/listing.use-cases.js';
import { DecideRepair, RepairQueries, RequestRepair } from './repair/repair.use-cases.js';

@Controller()
export class CreditHandlers {
  constructor(
    private readonly getCredit: GetCredit,
    private readonly lists: CreditLists,
    private readonly models: ListCreditModels,
    private readonly requestRepair: RequestRepair,
    private readonly decideRepair: DecideRepair,
    private readonly repairs: RepairQueries,
    private readonly publicCredit: PublicCredit,
    private readonly startListing: StartListing,
    private readonly stateListingCase: StateListingCase,
    private readonly decideListing: DecideListing,
    private readonly listings: ListingQueries,
  ) {}

  @Handles(CreditRpc.getCredit)
  get(@Payload() body: GetCreditRequest, @Caller() actor: Actor) {
    return this.getCredit.execute(body, actor);
  }

  @Handles(CreditRpc.getList)
  list(@Payload() body: CreditListRequest, @Caller() actor: Actor) {
    return this.lists.execute(body, actor);
  }

  @Handles(CreditRpc.listModels)
  listModels() {
    return this.models.execute();
  }

  @Handles(CreditRpc.requestRepair)
  request(@Payload() body: RequestRepairRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.requestRepair.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.decideRepair)
  decide(@Payload() body: DecideRepairRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.decideRepair.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.getRepair)
  getRepair(@Payload() body: RepairIdRequest, @Caller() actor: Actor) {
    return this.repairs.get(body.id, actor);
  }

  @Handles(CreditRpc.listRepairs)
  listRepairs(@Payload() body: ListRepairRequestsRequest, @Caller() actor: Actor) {
    return this.repairs.list(body, actor);
  }

  @Handles(CreditRpc.startListing)
  notify(@Payload() body: StartListingRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.startListing.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.stateListing)
  state(@Payload() body: ListingStatementRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.stateListingCase.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.decideListing)
  decideOnListing(@Payload() body: DecideListingRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.decideListing.execute(body, actor, requestId);
  }

  @Handles(CreditRpc.getListing)
  getListing(@Payload() body: ListingIdRequest, @Caller() actor: Actor) {
    return this.listings.get(body.id, actor);
  }

  @Handles(CreditRpc.listListings)
  listListings(@Payload() body: ListListingsRequest, @Caller() actor: Actor) {
    return this.listings.list(body, actor);
  }

  /** 公示: no actor header needed. */
  @Handles(CreditRpc.publicGetGrade)
  publicGet(@Payload() body: PublicCreditRequest) {
    return this.publicCredit.get(body.id);
  }

  @Handles(CreditRpc.publicListGrades)
  publicList(@Payload() body: PublicCreditListRequest) {
    return this.publicCredit.list(body);
  }
}
