import { type Actor, DomainError } from '@shanyu/common';
import {
  AddConflictBody,
  AddInspectorBody,
  type ChecklistVersionView,
  CommitPlanBody,
  CreateInspectionBody,
  DrawPlanBody,
  InspectionIdRequest,
  type InspectionFormView,
  InspectionRpc,
  type InspectionView,
  type InspectorView,
  ListChecklistsRequest,
  ListInspectionsRequest,
  ListInspectorsRequest,
  ListPlansRequest,
  type Page,
  PlanIdRequest,
  PlanPageQuery,
  type PlanDrawEntryView,
  type PlanPoolEntryView,
  type PlanSummaryView,
  type PlanView,
  PublishChecklistBody,
  RecordResultsBody,
  RuleDocumentBody,
  type RuleDocumentView,
  type RecordResultsView,
  type RectificationNoticeView,
  ReinspectionBody,
  SignOffBody,
  UuidParams,
  ResultItemRequest,
  ResolveResultBody,
  ResultVersionParams,
  DecideLateResultBody,
  type ResultVersionView,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { UserAccountRepository } from '../accounts/user-account.repository.js';
import { CurrentActor, CurrentRequestId, Departments, ForInspectors } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { ApiPage, schema } from '../docs/api-shapes.js';
import { INSPECTING, PLAN_DRAWS_PAGE_SIZE } from './inspecting.js';

/**
 * 两张清单, inspector pools, 双随机 plans and 综合查一次 joint inspections, forwarded to the
 * inspection service over NATS.
 */
@ApiTags('inspection 综合监管')
@ApiBearerAuth()
@Controller('api/v1')
export class InspectionController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly dataSource: DataSource,
  ) {}

  @Get('checklists')
  @ForInspectors()
  @ApiOperation({
    summary: '两张清单: the inspection (检查事项) and penalty (处罚事项) lists in force on a date, by department, each item with its legal basis',
  })
  @ApiQuery({ name: 'kind', required: false, enum: ['inspection', 'penalty'] })
  @ApiQuery({ name: 'department', required: false, enum: [...INSPECTING] })
  @ApiQuery({ name: 'on', required: false, description: 'YYYY-MM-DD (default today)' })
  @ApiQuery({ name: 'divisionCode', required: false, description: 'Only the lists that apply in this division (national and the levels enclosing it)' })
  @ApiQuery({ name: 'jurisdiction', required: false, description: 'Only the lists of this jurisdiction (000000 = national)' })
  @RpcReply(InspectionRpc.listChecklists)
  checklists(@Query() query: ListChecklistsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ChecklistVersionView[]> {
    return this.rpc.call(InspectionRpc.listChecklists, query, { actor, requestId });
  }

  @Post('checklists')
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary:
      "发布清单新版本: a department's own list for a jurisdiction inside its divisions (national lists: the platform admin). " +
      'Versions are never edited; item codes stay with their department; a local list adds to, replaces or disables items of the lists above it, only there.',
  })
  @ApiBody(schema('PublishChecklistBody'))
  @RpcReply(InspectionRpc.publishChecklist, 201)
  publishChecklist(@Body() body: PublishChecklistBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ChecklistVersionView> {
    return this.rpc.call(InspectionRpc.publishChecklist, body, { actor, requestId });
  }

  @Post('supervision-policies')
  @HttpCode(201)
  @Departments('market', 'health')
  @ApiOperation({
    summary:
      '发布监管与抽查政策 (双随机 ratios, yearly cap, repeat window, deadlines) as a rule document for a jurisdiction: local by market regulation or health in their divisions, national by the admin. ' +
      'documentKey supervision-policy-<jurisdiction> (national: supervision-policy); each rule keyed by its parameter replaces or inherits the value from above, its body {parameter, value}. ' +
      'Read them with GET /api/v1/rules/effective?family=supervision',
  })
  @ApiBody(schema('RuleDocumentBody'))
  @RpcReply(InspectionRpc.publishRules, 201)
  publishSupervisionPolicy(@Body() body: RuleDocumentBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RuleDocumentView> {
    return this.rpc.call(InspectionRpc.publishRules, { ...body, family: 'supervision' }, { actor, requestId });
  }

  @Post('inspectors')
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary: "执法人员入库 (the department or admin). `username` links the person's login: only a linked, assigned inspector records results and signs off.",
  })
  @ApiBody(schema('AddInspectorBody'))
  @RpcReply(InspectionRpc.addInspector, 201)
  async addInspector(@Body() body: AddInspectorBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InspectorView> {
    let userId: string | undefined;
    if (body.username) {
      const account = await new UserAccountRepository(this.dataSource.manager).activeByUsername(body.username);
      if (!account) throw DomainError.validation([{ field: 'username', code: 'unknownUser', message: `账号 ${body.username} 不存在或已停用` }]);
      const department = body.department ?? actor.department;
      if (account.department !== department) {
        throw DomainError.validation([
          {
            field: 'username',
            code: 'otherDepartment',
            message: `账号 ${body.username} 属于 ${account.department} 部门，不能关联为 ${department} 部门的执法人员`,
          },
        ]);
      }
      userId = account.id;
    }
    return this.rpc.call(InspectionRpc.addInspector, { ...body, ...(userId ? { userId } : {}) }, { actor, requestId });
  }

  @Get('inspectors')
  @ApiOperation({ summary: '执法人员名录 with recorded conflicts of interest' })
  @ApiQuery({ name: 'department', required: false, enum: [...INSPECTING] })
  @ApiQuery({ name: 'divisionCode', required: false })
  @RpcReply(InspectionRpc.listInspectors)
  inspectors(@Query() query: ListInspectorsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InspectorView[]> {
    return this.rpc.call(InspectionRpc.listInspectors, query, { actor, requestId });
  }

  @Post('inspectors/:id/conflicts')
  @ForInspectors()
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({ summary: '回避: record a conflict of interest; the inspector is never drawn or assigned for that institution' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'Inspector id' })
  @ApiBody(schema('AddConflictBody'))
  @RpcReply(InspectionRpc.addConflict, 201)
  addConflict(
    @Param() params: UuidParams,
    @Body() body: AddConflictBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InspectorView> {
    return this.rpc.call(InspectionRpc.addConflict, { ...body, inspectorId: params.id }, { actor, requestId });
  }

  @Post('inspection-plans')
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary:
      '双随机 step 1: fix the pool (filed institutions with credit grades, inspectors, conflicts) and publish SHA-256 of a secret seed. ' +
      'Fewer than 2 available inspectors in a department: 422 PLAN_NOT_ENOUGH_INSPECTORS naming the department.',
  })
  @ApiBody(schema('CommitPlanBody'))
  @RpcReply(InspectionRpc.commitPlan, 201)
  commitPlan(@Body() body: CommitPlanBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PlanView> {
    return this.rpc.call(InspectionRpc.commitPlan, body, { actor, requestId });
  }

  @Post('inspection-plans/:id/draw')
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary: '双随机 step 2: reveal the seed, mix in the public entropy announced at the draw, draw institutions and inspectors (re-runnable by anyone)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('DrawPlanBody'))
  @RpcReply(InspectionRpc.drawPlan)
  drawPlan(@Param() params: PlanIdRequest, @Body() body: DrawPlanBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PlanView> {
    return this.rpc.call(InspectionRpc.drawPlan, { ...body, id: params.id }, { actor, requestId });
  }

  @Get('inspection-plans')
  @ApiOperation({ summary: "抽查计划 in the caller's divisions" })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiPage()
  @RpcReply(InspectionRpc.listPlans)
  plans(@Query() query: ListPlansRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<PlanSummaryView>> {
    return this.rpc.call(InspectionRpc.listPlans, query, { actor, requestId });
  }

  @Get('inspection-plans/:id')
  @ApiOperation({
    summary:
      'The draw record: seed commitment, pool hash and counts, ratios, inspectors, seed and result counts once drawn (the pool and the drawn institutions: /pool, /draws)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.getPlan)
  plan(@Param() params: PlanIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PlanView> {
    return this.rpc.call(InspectionRpc.getPlan, { id: params.id }, { actor, requestId });
  }

  @Get('inspection-plans/:id/pool')
  @ApiOperation({
    summary: "The plan's pool in pool order (sorted by id), paged: institution, credit grade, conflicts and last-time inspectors per department",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPage('1–500, default 100')
  @RpcReply(InspectionRpc.planPool)
  planPool(
    @Param() params: PlanIdRequest,
    @Query() query: PlanPageQuery,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<Page<PlanPoolEntryView>> {
    return this.rpc.call(InspectionRpc.planPool, { ...query, id: params.id }, { actor, requestId });
  }

  @Get('inspection-plans/:id/draws')
  @ApiOperation({
    summary: 'The drawn institutions in draw order, paged, with their inspectors, alerts and joint inspection. Before the draw: 409 PLAN_NOT_DRAWN',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPage(PLAN_DRAWS_PAGE_SIZE)
  @RpcReply(InspectionRpc.planDraws)
  planDraws(
    @Param() params: PlanIdRequest,
    @Query() query: PlanPageQuery,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<Page<PlanDrawEntryView>> {
    return this.rpc.call(InspectionRpc.planDraws, { ...query, id: params.id }, { actor, requestId });
  }

  @Post('inspections')
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary:
      '综合查一次: a joint inspection from a drawn plan (planId + institutionId), ad hoc (institutionId + departments with ≥ 2 inspectors each) or ' +
      'from an accepted complaint (kind=complaint). Yearly cap: 422 INSPECTION_YEARLY_CAP; same department again within the window: 422 INSPECTION_REPEATED unless repeatReason.',
  })
  @ApiBody(schema('CreateInspectionBody'))
  @RpcReply(InspectionRpc.createInspection, 201)
  create(@Body() body: CreateInspectionBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InspectionView> {
    return this.rpc.call(InspectionRpc.createInspection, body, { actor, requestId });
  }

  @Get('inspections')
  @ForInspectors()
  @ApiOperation({ summary: "检查列表 in the caller's divisions (operators: their own institutions)" })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'planId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'completed'] })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiPage()
  @RpcReply(InspectionRpc.listInspections)
  list(@Query() query: ListInspectionsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<InspectionView>> {
    return this.rpc.call(InspectionRpc.listInspections, query, { actor, requestId });
  }

  @Get('inspections/:id')
  @ForInspectors()
  @ApiOperation({ summary: '检查详情: departments, inspectors, sign-offs, summary, findings' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.getInspection)
  get(@Param() params: InspectionIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InspectionView> {
    return this.rpc.call(InspectionRpc.getInspection, { id: params.id }, { actor, requestId });
  }

  @Get('inspections/:id/form')
  @ForInspectors()
  @ApiOperation({ summary: "一表通查: the merged form, items grouped by area, no item twice, with results so far and the operator's latest self-inspection" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.getForm)
  form(@Param() params: InspectionIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<InspectionFormView> {
    return this.rpc.call(InspectionRpc.getForm, { id: params.id }, { actor, requestId });
  }

  @Put('inspections/:id/results')
  @ForInspectors()
  @Departments(...INSPECTING)
  @ApiOperation({
    summary:
      "记录检查结果 (an assigned inspector, own department's items only; ITEM_NOT_ON_FORM 422, ITEM_OTHER_DEPARTMENT 403, INSPECTOR_NOT_ASSIGNED 403 refuse " +
      "the whole write). Every value is kept as a version; send each item's `version` back as `baseVersion`, with `recordedAt` and `deviceId`. `outcomes` says " +
      "per item: recorded (the record holds it), conflict (written on an older version, or over another inspector's different or failing value: kept, the " +
      'record unchanged until a person resolves it) or late (received after the department signed off: kept for the department to accept as 补正 or reject). ' +
      'A write sent again changes nothing.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('RecordResultsBody'))
  @RpcReply(InspectionRpc.recordResults)
  results(
    @Param() params: InspectionIdRequest,
    @Body() body: RecordResultsBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<RecordResultsView> {
    return this.rpc.call(InspectionRpc.recordResults, { ...body, id: params.id }, { actor, requestId });
  }

  @Get('inspections/:id/results/:itemCode/versions')
  @ForInspectors()
  @ApiOperation({
    summary: '结果版本: every value recorded for one item, newest first (who, when on the device, device, value, note, evidence, status, decision)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'itemCode', example: 'FIRE-04' })
  @RpcReply(InspectionRpc.listResultVersions)
  versions(@Param() params: ResultItemRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ResultVersionView[]> {
    return this.rpc.call(InspectionRpc.listResultVersions, { id: params.id, itemCode: params.itemCode }, { actor, requestId });
  }

  @Post('inspections/:id/results/:itemCode/resolution')
  @ForInspectors()
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary: "裁定冲突: the version the record keeps and why (an assigned inspector or an official of the item's department); RESULT_NOT_IN_CONFLICT 409",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'itemCode', example: 'FIRE-04' })
  @ApiBody(schema('ResolveResultBody'))
  @RpcReply(InspectionRpc.resolveResult)
  resolve(
    @Param() params: ResultItemRequest,
    @Body() body: ResolveResultBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InspectionFormView> {
    return this.rpc.call(InspectionRpc.resolveResult, { ...body, id: params.id, itemCode: params.itemCode }, { actor, requestId });
  }

  @Get('inspections/:id/late-results')
  @ForInspectors()
  @ApiOperation({ summary: '逾时结果: results recorded before their department signed off but received after, waiting for its decision or decided' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.listLateResults)
  lateResults(@Param() params: InspectionIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<ResultVersionView[]> {
    return this.rpc.call(InspectionRpc.listLateResults, { id: params.id }, { actor, requestId });
  }

  @Post('inspections/:id/late-results/:versionId/decision')
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary:
      "补正或驳回: an official of the result's department accepts a late result into the record (an amendment) or rejects it, with the reason; RESULT_NOT_LATE 409",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'versionId', format: 'uuid' })
  @ApiBody(schema('DecideLateResultBody'))
  @RpcReply(InspectionRpc.decideLateResult)
  decideLate(
    @Param() params: ResultVersionParams,
    @Body() body: DecideLateResultBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ResultVersionView> {
    return this.rpc.call(InspectionRpc.decideLateResult, { ...body, id: params.id, versionId: params.versionId }, { actor, requestId });
  }

  @Post('inspections/:id/sign-off')
  @ForInspectors()
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({ summary: '部门签字确认; the inspection completes (findings, deadlines, 整改意见书, events) when every department has signed' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('SignOffBody'))
  @RpcReply(InspectionRpc.signOff)
  signOff(
    @Param() params: InspectionIdRequest,
    @Body() body: SignOffBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InspectionView> {
    return this.rpc.call(InspectionRpc.signOff, { ...body, id: params.id }, { actor, requestId });
  }

  @Post('inspections/:id/reinspection')
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({ summary: "复查: a follow-up with only the still-open findings' items, linked to the original" })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The original inspection' })
  @ApiBody(schema('ReinspectionBody'))
  @RpcReply(InspectionRpc.createReinspection, 201)
  reinspect(
    @Param() params: InspectionIdRequest,
    @Body() body: ReinspectionBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<InspectionView> {
    return this.rpc.call(InspectionRpc.createReinspection, { ...body, id: params.id }, { actor, requestId });
  }

  @Get('inspections/:id/notice')
  @ForInspectors()
  @ApiOperation({ summary: '整改意见书: the written rectification notice the operator reads (findings, legal basis, deadlines)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.getNotice)
  notice(@Param() params: InspectionIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<RectificationNoticeView> {
    return this.rpc.call(InspectionRpc.getNotice, { id: params.id }, { actor, requestId });
  }
}
