import type { Actor } from '@shanyu/common';
import {
  CreateInspectionBody,
  DecideLateResultRequest,
  InspectionIdRequest,
  InspectionRpc,
  ListInspectionsRequest,
  RecordResultsRequest,
  ReinspectionRequest,
  ResolveResultRequest,
  ResultItemRequest,
  SignOffRequest,
} from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateInspection } from './create-inspection.use-case.js';
import { CreateReinspection } from './create-reinspection.use-case.js';
import { GetInspection, GetInspectionForm, GetRectificationNotice, ListInspections } from './inspection.queries.js';
import { RecordResults } from './record-results.use-case.js';
import { DecideLateResult, ListLateResults, ListResultVersions, ResolveResult } from './result-versions.use-cases.js';
import { SignOff } from './sign-off.use-case.js';

/** `inspection.inspection.*`: 综合查一次. */
@Controller()
export class InspectionHandlers {
  constructor(
    private readonly createInspection: CreateInspection,
    private readonly getInspection: GetInspection,
    private readonly listInspections: ListInspections,
    private readonly getForm: GetInspectionForm,
    private readonly recordResults: RecordResults,
    private readonly signOff: SignOff,
    private readonly createReinspection: CreateReinspection,
    private readonly getNotice: GetRectificationNotice,
    private readonly listVersions: ListResultVersions,
    private readonly resolveResult: ResolveResult,
    private readonly listLate: ListLateResults,
    private readonly decideLate: DecideLateResult,
  ) {}

  @Handles(InspectionRpc.listResultVersions)
  versions(@Payload() body: ResultItemRequest, @Caller() actor: Actor) {
    return this.listVersions.execute(body, actor);
  }

  @Handles(InspectionRpc.resolveResult)
  resolve(@Payload() body: ResolveResultRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.resolveResult.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.listLateResults)
  lateResults(@Payload() body: InspectionIdRequest, @Caller() actor: Actor) {
    return this.listLate.execute(body, actor);
  }

  @Handles(InspectionRpc.decideLateResult)
  decideLateResult(@Payload() body: DecideLateResultRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.decideLate.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.createInspection)
  create(@Payload() body: CreateInspectionBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.createInspection.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.getInspection)
  get(@Payload() body: InspectionIdRequest, @Caller() actor: Actor) {
    return this.getInspection.execute(body.id, actor);
  }

  @Handles(InspectionRpc.listInspections)
  list(@Payload() body: ListInspectionsRequest, @Caller() actor: Actor) {
    return this.listInspections.execute(body, actor);
  }

  @Handles(InspectionRpc.getForm)
  form(@Payload() body: InspectionIdRequest, @Caller() actor: Actor) {
    return this.getForm.execute(body.id, actor);
  }

  @Handles(InspectionRpc.recordResults)
  results(@Payload() body: RecordResultsRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.recordResults.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.signOff)
  sign(@Payload() body: SignOffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.signOff.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.createReinspection)
  reinspect(@Payload() body: ReinspectionRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.createReinspection.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.getNotice)
  notice(@Payload() body: InspectionIdRequest, @Caller() actor: Actor) {
    return this.getNotice.execute(body.id, actor);
  }
}
