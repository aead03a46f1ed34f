import { type Actor, RULE_FAMILY_PUBLISHERS, SYSTEM_ACTOR } from '@shanyu/common';
import {
  CreditAtQuery,
  CreditInstitutionParams,
  type CreditListPage,
  CreditListRequest,
  type CreditModelView,
  CreditRpc,
  type CreditView,
  DecideListingBody,
  DecideRepairBody,
  ListingIdRequest,
  ListingStatementBody,
  type ListingView,
  ListListingsRequest,
  ListRepairRequestsRequest,
  type Page,
  PublicCreditListRequest,
  PublicCreditRequest,
  type PublicCreditView,
  RepairIdRequest,
  type RepairRequestView,
  RequestRepairBody,
  RuleDocumentBody,
  type RuleDocumentView,
  StartListingBody,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments, Public } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { ApiPage, schema } from '../docs/api-shapes.js';

/** Who reads credit (the credit service checks divisions and ownership again). */
const READERS = ['operator', 'health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'admin'] as const;

/**
 * 信用: scores and grades built from every department's events, explained entry by entry;
 * 红黑名单; 信用修复 asked by the operator and decided by the health bureau.
 */
@ApiTags('credit 信用')
@ApiBearerAuth()
@Controller('api/v1/credit')
export class CreditController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('institutions/:id')
  @Departments(...READERS)
  @ApiOperation({
    summary:
      '机构信用: score, grade (A 优 / B 良 / C 中 / D 差 — supervision classes; 严重失信 only through a listing), model version, and every ledger entry with its points, rule and source, newest first. ' +
      '?at=YYYY-MM-DD recomputes at a past date with the model version in force then. Operators see their own institution.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiQuery({ name: 'at', required: false, example: '2026-06-30' })
  @RpcReply(CreditRpc.getCredit)
  get(
    @Param() params: CreditInstitutionParams,
    @Query() query: CreditAtQuery,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<CreditView> {
    return this.rpc.call(CreditRpc.getCredit, { id: params.id, ...query }, { actor, requestId });
  }

  @Get('lists')
  @Departments('health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'admin')
  @ApiOperation({
    summary:
      "Grade lists of a division (default: the caller's divisions): list=red grade A (优, 守信激励), list=black grade D (差, 重点监管). " +
      'A grade is a supervision class: the 严重失信主体名单 is GET /credit/listings?status=listed',
  })
  @ApiQuery({ name: 'list', enum: ['red', 'black'] })
  @ApiQuery({ name: 'divisionCode', required: false, example: '330106' })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @RpcReply(CreditRpc.getList)
  lists(@Query() query: CreditListRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<CreditListPage> {
    return this.rpc.call(CreditRpc.getList, query, { actor, requestId });
  }

  @Get('models')
  @Departments(...READERS)
  @ApiOperation({ summary: '信用评价模型: every version with its start score, thresholds, rules (points, D triggers, decay, repair) and their sources' })
  @RpcReply(CreditRpc.listModels)
  models(@CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<CreditModelView[]> {
    return this.rpc.call(CreditRpc.listModels, {}, { actor, requestId });
  }

  @Post('models')
  @HttpCode(201)
  @Departments(...RULE_FAMILY_PUBLISHERS.credit)
  @ApiOperation({
    summary:
      '发布信用评价模型 a new version of a credit rule document (family credit) for a jurisdiction: national (000000) by the platform admin only; a health bureau for its own divisions and below. ' +
      'Each rule composes with the levels above (adds, replaces, disables with a reason, inherits), its body one of {kind: grading|score|measure|listing, …} as in credit-models.data.ts; ' +
      'in force from effectiveFrom (not before today), and the rules in force must still make a whole model (one grading, one score rule per ledger event type) everywhere. ' +
      'From then on it grades the institutions of its jurisdiction; read it with GET /api/v1/rules/effective?family=credit',
  })
  @ApiBody(schema('RuleDocumentBody'))
  @RpcReply(CreditRpc.publishRules, 201)
  publishModel(@Body() body: RuleDocumentBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleDocumentView> {
    return this.rpc.call(CreditRpc.publishRules, { ...body, family: 'credit' }, { actor, requestId });
  }

  @Post('institutions/:id/repair-requests')
  @HttpCode(201)
  @Departments('operator', 'health')
  @ApiOperation({
    summary:
      '信用修复申请: the operator for its own institution (or health on its behalf) names the ledger entries and why; recorded as pending, decided by health. ' +
      "Each entry must be negative, repairable under its rule and past the rule's minimum period.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiBody(schema('RequestRepairBody'))
  @RpcReply(CreditRpc.requestRepair, 201)
  requestRepair(
    @Param() params: CreditInstitutionParams,
    @Body() body: RequestRepairBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RepairRequestView> {
    return this.rpc.call(CreditRpc.requestRepair, { ...body, institutionId: params.id }, { actor, requestId });
  }

  @Get('repair-requests')
  @Departments(...READERS)
  @ApiOperation({ summary: "信用修复申请列表 in the caller's scope (operators: their own institutions)" })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'approved', 'rejected'] })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @RpcReply(CreditRpc.listRepairs)
  listRepairs(
    @Query() query: ListRepairRequestsRequest,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<Page<RepairRequestView>> {
    return this.rpc.call(CreditRpc.listRepairs, query, { actor, requestId });
  }

  @Get('repair-requests/:id')
  @Departments(...READERS)
  @ApiOperation({ summary: '信用修复申请详情 with the decision' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(CreditRpc.getRepair)
  getRepair(@Param() params: RepairIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RepairRequestView> {
    return this.rpc.call(CreditRpc.getRepair, { id: params.id }, { actor, requestId });
  }

  @Post('repair-requests/:id/decision')
  @HttpCode(200)
  @Departments('health')
  @ApiOperation({
    summary:
      "信用修复决定 (district health bureau of the institution's division), with a reason: approve neutralises the entries from today " +
      '(no points, no D trigger) and may change the grade (evt.credit.grade.changed.v1); reject keeps them. Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('DecideRepairBody'))
  @RpcReply(CreditRpc.decideRepair)
  decide(
    @Param() params: RepairIdRequest,
    @Body() body: DecideRepairBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RepairRequestView> {
    return this.rpc.call(CreditRpc.decideRepair, { ...body, id: params.id }, { actor, requestId });
  }

  @Post('institutions/:id/listings')
  @HttpCode(201)
  @Departments('health')
  @ApiOperation({
    summary:
      "严重失信主体名单认定 — 告知 (district health bureau of the institution's division): names the ledger entries that ground it " +
      "(event types the model's `listing` rule names: 责令停产停业, 吊销许可, 聘用从业禁止人员) and the facts; the notice gives the basis, " +
      'the right to state its case and the last day (陈述申辩). Nothing is published until the decision. Audited; evt.credit.listing.notified.v1.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Institution id' })
  @ApiBody(schema('StartListingBody'))
  @RpcReply(CreditRpc.startListing, 201)
  startListing(
    @Param() params: CreditInstitutionParams,
    @Body() body: StartListingBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ListingView> {
    return this.rpc.call(CreditRpc.startListing, { ...body, institutionId: params.id }, { actor, requestId });
  }

  @Get('listings')
  @Departments(...READERS)
  @ApiOperation({
    summary: "严重失信主体名单认定 in the caller's scope (operators: their own institutions), newest first; status=listed gives the list in publication today",
  })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['notified', 'listed', 'not_listed', 'removed', 'expired'] })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } })
  @RpcReply(CreditRpc.listListings)
  listListings(@Query() query: ListListingsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<ListingView>> {
    return this.rpc.call(CreditRpc.listListings, query, { actor, requestId });
  }

  @Get('listings/:id')
  @Departments(...READERS)
  @ApiOperation({ summary: 'One 严重失信主体名单认定: notice, statement, decision, publication periods, removal' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(CreditRpc.getListing)
  getListing(@Param() params: ListingIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ListingView> {
    return this.rpc.call(CreditRpc.getListing, { id: params.id }, { actor, requestId });
  }

  @Post('listings/:id/statement')
  @HttpCode(200)
  @Departments('operator')
  @ApiOperation({
    summary: '陈述申辩 by the operator of the institution, once, by the last day the notice gives. Audited; evt.credit.listing.stated.v1.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('ListingStatementBody'))
  @RpcReply(CreditRpc.stateListing)
  state(
    @Param() params: ListingIdRequest,
    @Body() body: ListingStatementBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ListingView> {
    return this.rpc.call(CreditRpc.stateListing, { ...body, id: params.id }, { actor, requestId });
  }

  @Post('listings/:id/decision')
  @HttpCode(200)
  @Departments('health')
  @ApiOperation({
    summary:
      '认定决定 (district health bureau): list (decisionNo required; published from today, repair from the end of the minimum period, ' +
      'ending by itself after the maximum) or not_list, with the reasons. Refused while the statement period runs unless the institution ' +
      'has stated its case (409 CREDIT_LISTING_STATEMENT_OPEN). Audited; evt.credit.listing.decided.v1.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('DecideListingBody'))
  @RpcReply(CreditRpc.decideListing)
  decideListing(
    @Param() params: ListingIdRequest,
    @Body() body: DecideListingBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ListingView> {
    return this.rpc.call(CreditRpc.decideListing, { ...body, id: params.id }, { actor, requestId });
  }
}

/** 公示: the credit grade of filed institutions, without logging in (no points, no entries). */
@ApiTags('public 公示')
@Controller('api/v1/public/credit')
export class PublicCreditController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Get('institutions')
  @ApiOperation({ summary: '信用等级公示: grades of filed institutions by division' })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiQuery({ name: 'grade', required: false, enum: ['A', 'B', 'C', 'D'] })
  @ApiPage()
  @RpcReply(CreditRpc.publicListGrades)
  list(@Query() query: PublicCreditListRequest, @CurrentRequestId() requestId: string): Promise<Page<PublicCreditView>> {
    return this.rpc.call(CreditRpc.publicListGrades, query, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('institutions/:id')
  @ApiOperation({ summary: '信用等级公示 of one filed institution, with a serious-breach listing in publication (seriousBreach) if there is one' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(CreditRpc.publicGetGrade)
  get(@Param() params: PublicCreditRequest, @CurrentRequestId() requestId: string): Promise<PublicCreditView> {
    return this.rpc.call(CreditRpc.publicGetGrade, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }
}
