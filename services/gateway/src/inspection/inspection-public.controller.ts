import { SYSTEM_ACTOR } from '@shanyu/common';
import {
  type ChecklistVersionView,
  type ComplaintReceipt,
  FileComplaintBody,
  InspectionIdRequest,
  InspectionRpc,
  InstitutionPlanDrawsQuery,
  type InstitutionPlanDrawView,
  ListChecklistsRequest,
  ListPlansRequest,
  type Page,
  UuidParams,
  PlanIdRequest,
  PlanPageQuery,
  type PlanDrawEntryView,
  type PlanPoolEntryView,
  type PlanSummaryView,
  type PlanView,
  type PublicComplaintView,
  PublicInspectionsRequest,
  type PublicInspectionView,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentRequestId, Public } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { ApiPage, schema } from '../docs/api-shapes.js';
import { PLAN_DRAWS_PAGE_SIZE } from './inspecting.js';

/** 一公开 and 投诉举报: what anyone sees or files without logging in. Never personal data. */
@ApiTags('public 公示')
@Controller('api/v1/public')
export class InspectionPublicController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Post('complaints')
  @HttpCode(201)
  @ApiOperation({ summary: '投诉举报 about an institution (no login; contact optional, kept encrypted, never published)' })
  @ApiBody(schema('FileComplaintBody'))
  @RpcReply(InspectionRpc.fileComplaint, 201)
  complain(@Body() body: FileComplaintBody, @CurrentRequestId() requestId: string): Promise<ComplaintReceipt> {
    return this.rpc.call(InspectionRpc.fileComplaint, body, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('complaints')
  @ApiOperation({ summary: '投诉办理结果 (closed complaints: category, department, outcome; no complainant identity)' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'divisionCode', required: false })
  @RpcReply(InspectionRpc.publicListComplaints)
  complaints(@Query() query: PublicInspectionsRequest, @CurrentRequestId() requestId: string): Promise<Page<PublicComplaintView>> {
    return this.rpc.call(InspectionRpc.publicListComplaints, query, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('inspection-plans')
  @ApiOperation({ summary: '双随机 plans of a division (commitment before the draw, seed and result after)' })
  @ApiQuery({ name: 'divisionCode', required: false })
  @RpcReply(InspectionRpc.publicListPlans)
  plans(@Query() query: ListPlansRequest, @CurrentRequestId() requestId: string): Promise<Page<PlanSummaryView>> {
    return this.rpc.call(InspectionRpc.publicListPlans, query, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('inspection-plans/:id')
  @ApiOperation({
    summary:
      '双随机 draw record: seed commitment and pool hash, then seed, public entropy and result counts. Re-run it with the documented generator: ' +
      'this view plus every /pool page rebuild the draw input (its canonical JSON hashes to poolHash), /draws pages give the result',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.publicGetPlan)
  plan(@Param() params: PlanIdRequest, @CurrentRequestId() requestId: string): Promise<PlanView> {
    return this.rpc.call(InspectionRpc.publicGetPlan, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('inspection-plans/:id/pool')
  @ApiOperation({ summary: '双随机 pool in pool order (sorted by id), paged: institution, credit grade, conflicts and last-time inspectors per department' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPage('1–500, default 100')
  @RpcReply(InspectionRpc.publicPlanPool)
  planPool(@Param() params: PlanIdRequest, @Query() query: PlanPageQuery, @CurrentRequestId() requestId: string): Promise<Page<PlanPoolEntryView>> {
    return this.rpc.call(InspectionRpc.publicPlanPool, { ...query, id: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('inspection-plans/:id/draws')
  @ApiOperation({ summary: '双随机 result: the drawn institutions in draw order, paged, with their inspectors. Before the draw: 409 PLAN_NOT_DRAWN' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiPage(PLAN_DRAWS_PAGE_SIZE)
  @RpcReply(InspectionRpc.publicPlanDraws)
  planDraws(@Param() params: PlanIdRequest, @Query() query: PlanPageQuery, @CurrentRequestId() requestId: string): Promise<Page<PlanDrawEntryView>> {
    return this.rpc.call(InspectionRpc.publicPlanDraws, { ...query, id: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('institutions/:id/inspection-plans')
  @ApiOperation({
    summary:
      "双随机 plans that drew this institution, latest draw first: each plan as listed, the institution's place in the draw order and its drawn entry (grade, inspectors)",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The institution' })
  @ApiPage('1–100, default 20')
  @RpcReply(InspectionRpc.publicPlanDrawsOfInstitution)
  institutionPlans(
    @Param() params: UuidParams,
    @Query() query: InstitutionPlanDrawsQuery,
    @CurrentRequestId() requestId: string,
  ): Promise<Page<InstitutionPlanDrawView>> {
    return this.rpc.call(InspectionRpc.publicPlanDrawsOfInstitution, { ...query, institutionId: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('inspections')
  @ApiOperation({ summary: '检查结果公示: completed inspections with item texts, results, findings (整改中 / 已整改 / 未整改) and penalties' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiPage()
  @RpcReply(InspectionRpc.publicListInspections)
  inspections(@Query() query: PublicInspectionsRequest, @CurrentRequestId() requestId: string): Promise<Page<PublicInspectionView>> {
    return this.rpc.call(InspectionRpc.publicListInspections, query, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('inspections/:id')
  @ApiOperation({ summary: '一次检查的公示结果' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.publicGetInspection)
  inspection(@Param() params: InspectionIdRequest, @CurrentRequestId() requestId: string): Promise<PublicInspectionView> {
    return this.rpc.call(InspectionRpc.publicGetInspection, { id: params.id }, { actor: SYSTEM_ACTOR, requestId });
  }

  @Public()
  @Get('checklists')
  @ApiOperation({ summary: '两张清单 in force (清单之外无检查)' })
  @ApiQuery({ name: 'kind', required: false, enum: ['inspection', 'penalty'] })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'on', required: false })
  @ApiQuery({ name: 'divisionCode', required: false, description: 'Only the lists that apply in this division' })
  @ApiQuery({ name: 'jurisdiction', required: false, description: 'Only the lists of this jurisdiction (000000 = national)' })
  @RpcReply(InspectionRpc.publicListChecklists)
  checklists(@Query() query: ListChecklistsRequest, @CurrentRequestId() requestId: string): Promise<ChecklistVersionView[]> {
    return this.rpc.call(InspectionRpc.publicListChecklists, query, { actor: SYSTEM_ACTOR, requestId });
  }
}
