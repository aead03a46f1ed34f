import type { Actor } from '@shanyu/common';
import {
  ComplaintOutcomeBody,
  type ComplaintView,
  FindingIdRequest,
  type FindingView,
  InspectionRpc,
  InstitutionIdQuery,
  IssuePenaltyBody,
  ListComplaintsRequest,
  ListPenaltiesRequest,
  ListPostFilingChecksRequest,
  ListRectificationsRequest,
  type Page,
  type PenaltyView,
  type PostFilingCheckView,
  ReportRectificationBody,
  type SelfInspectionFormView,
  type SelfInspectionView,
  SubmitSelfInspectionBody,
  TriageComplaintBody,
  UuidParams,
  VerifyRectificationBody,
} from '@shanyu/contracts';
import { RpcClient } from '@shanyu/messaging';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentRequestId, Departments } from '../auth/decorators.js';
import { RpcReply } from '../docs/rpc-reply.js';
import { ApiPage, schema } from '../docs/api-shapes.js';
import { INSPECTING } from './inspecting.js';

/** 整改, 处罚, 自查 and 投诉举报 (handling), forwarded to the inspection service over NATS. */
@ApiTags('inspection 综合监管')
@ApiBearerAuth()
@Controller('api/v1')
export class RectificationController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('rectifications')
  @ApiOperation({ summary: '整改事项 (findings): status open / reported / corrected / not_corrected, or overdue (past the working-day deadline)' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'reported', 'corrected', 'not_corrected', 'overdue'] })
  @ApiQuery({ name: 'department', required: false, enum: [...INSPECTING] })
  @ApiPage()
  @RpcReply(InspectionRpc.listRectifications)
  list(@Query() query: ListRectificationsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<FindingView>> {
    return this.rpc.call(InspectionRpc.listRectifications, query, { actor, requestId });
  }

  @Get('post-filing-checks')
  @Departments('health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance', 'admin')
  @ApiOperation({
    summary:
      '备案后核查: each filed institution’s first on-site visit after its filing, due within the period the supervision policy in force on the filing day sets ' +
      '(postFilingVisitDays); status due / overdue / done (the first inspection completed on or after the filing day)',
  })
  @ApiQuery({ name: 'divisionCode', required: false, example: '330106' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['due', 'overdue', 'done'] })
  @ApiPage()
  @RpcReply(InspectionRpc.listPostFilingChecks)
  postFilingChecks(
    @Query() query: ListPostFilingChecksRequest,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<Page<PostFilingCheckView>> {
    return this.rpc.call(InspectionRpc.listPostFilingChecks, query, { actor, requestId });
  }

  @Get('rectifications/:id')
  @ApiOperation({ summary: '整改事项详情' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @RpcReply(InspectionRpc.getRectification)
  get(@Param() params: FindingIdRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<FindingView> {
    return this.rpc.call(InspectionRpc.getRectification, { id: params.id }, { actor, requestId });
  }

  @Post('rectifications/:id/verify')
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({ summary: "书面核查 by the finding's department: corrected or not corrected (closes the finding)" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('VerifyRectificationBody'))
  @RpcReply(InspectionRpc.verifyRectification)
  verify(
    @Param() params: FindingIdRequest,
    @Body() body: VerifyRectificationBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<FindingView> {
    return this.rpc.call(InspectionRpc.verifyRectification, { ...body, id: params.id }, { actor, requestId });
  }

  @Post('rectifications/:id/report')
  @HttpCode(200)
  @Departments('operator')
  @ApiOperation({ summary: "整改报告 by the institution's operator" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('ReportRectificationBody'))
  @RpcReply(InspectionRpc.reportRectification)
  report(
    @Param() params: FindingIdRequest,
    @Body() body: ReportRectificationBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<FindingView> {
    return this.rpc.call(InspectionRpc.reportRectification, { ...body, id: params.id }, { actor, requestId });
  }

  @Post('penalties')
  @HttpCode(201)
  @Departments(...INSPECTING)
  @ApiOperation({
    summary:
      '行政处罚 by the department holding the penalty item, tied to a finding; a fine outside the legal range: 422 PENALTY_OUT_OF_RANGE naming the range',
  })
  @ApiBody(schema('IssuePenaltyBody'))
  @RpcReply(InspectionRpc.issuePenalty, 201)
  penalty(@Body() body: IssuePenaltyBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PenaltyView> {
    return this.rpc.call(InspectionRpc.issuePenalty, body, { actor, requestId });
  }

  @Get('penalties')
  @ApiOperation({ summary: '处罚决定 by institution or finding' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'findingId', required: false })
  @RpcReply(InspectionRpc.listPenalties)
  penalties(@Query() query: ListPenaltiesRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<PenaltyView[]> {
    return this.rpc.call(InspectionRpc.listPenalties, query, { actor, requestId });
  }

  @Post('self-inspections')
  @HttpCode(201)
  @Departments('operator')
  @ApiOperation({ summary: '举办者自查 against the same lists (not counted as an inspection; inspectors see it on the form)' })
  @ApiBody(schema('SubmitSelfInspectionBody'))
  @RpcReply(InspectionRpc.submitSelfInspection, 201)
  selfInspect(@Body() body: SubmitSelfInspectionBody, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<SelfInspectionView> {
    return this.rpc.call(InspectionRpc.submitSelfInspection, body, { actor, requestId });
  }

  @Get('self-inspections')
  @ApiOperation({ summary: '自查记录 of an institution' })
  @ApiQuery({ name: 'institutionId', required: true })
  @RpcReply(InspectionRpc.listSelfInspections)
  selfInspections(@Query() query: InstitutionIdQuery, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<SelfInspectionView[]> {
    return this.rpc.call(InspectionRpc.listSelfInspections, query, { actor, requestId });
  }

  @Get('self-inspections/form')
  @ApiOperation({ summary: "自查表: every list's items that apply to the institution, grouped by area" })
  @ApiQuery({ name: 'institutionId', required: true })
  @RpcReply(InspectionRpc.selfInspectionForm)
  selfInspectionForm(@Query() query: InstitutionIdQuery, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<SelfInspectionFormView> {
    return this.rpc.call(InspectionRpc.selfInspectionForm, query, { actor, requestId });
  }

  @Get('complaints')
  @Departments(...INSPECTING)
  @ApiOperation({ summary: "投诉举报 for the caller's department (street office: all in its area); the complainant's contact is masked" })
  @ApiQuery({ name: 'status', required: false, enum: ['received', 'accepted', 'rejected', 'closed'] })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiPage()
  @RpcReply(InspectionRpc.listComplaints)
  complaints(@Query() query: ListComplaintsRequest, @CurrentActor() actor: Actor, @CurrentRequestId() requestId: string): Promise<Page<ComplaintView>> {
    return this.rpc.call(InspectionRpc.listComplaints, query, { actor, requestId });
  }

  @Post('complaints/:id/triage')
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({ summary: '受理 / 不予受理 with a reason (the responsible department or the street office)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('TriageComplaintBody'))
  @RpcReply(InspectionRpc.triageComplaint)
  triage(
    @Param() params: UuidParams,
    @Body() body: TriageComplaintBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ComplaintView> {
    return this.rpc.call(InspectionRpc.triageComplaint, { ...body, id: params.id }, { actor, requestId });
  }

  @Post('complaints/:id/outcome')
  @HttpCode(200)
  @Departments(...INSPECTING)
  @ApiOperation({ summary: '办理结果: substantiated or not, published without the complainant (evt.inspection.complaint.closed.v1)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody(schema('ComplaintOutcomeBody'))
  @RpcReply(InspectionRpc.complaintOutcome)
  outcome(
    @Param() params: UuidParams,
    @Body() body: ComplaintOutcomeBody,
    @CurrentActor() actor: Actor,
    @CurrentRequestId() requestId: string,
  ): Promise<ComplaintView> {
    return this.rpc.call(InspectionRpc.complaintOutcome, { ...body, id: params.id }, { actor, requestId });
  }
}
