import type { Actor } from '@shanyu/common';
import { InspectionRpc, InstitutionIdQuery, SubmitSelfInspectionBody } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListSelfInspections, SelfInspectionForm, SubmitSelfInspection } from './self-inspection.use-cases.js';

/** `inspection.self-inspection.*`: 举办者自查. */
@Controller()
export class SelfInspectionHandlers {
  constructor(
    private readonly submitSelfInspection: SubmitSelfInspection,
    private readonly listSelfInspections: ListSelfInspections,
    private readonly selfInspectionForm: SelfInspectionForm,
  ) {}

  @Handles(InspectionRpc.submitSelfInspection)
  submit(@Payload() body: SubmitSelfInspectionBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.submitSelfInspection.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.listSelfInspections)
  list(@Payload() body: InstitutionIdQuery, @Caller() actor: Actor) {
    return this.listSelfInspections.execute(body.institutionId, actor);
  }

  @Handles(InspectionRpc.selfInspectionForm)
  form(@Payload() body: InstitutionIdQuery, @Caller() actor: Actor) {
    return this.selfInspectionForm.execute(body.institutionId, actor);
  }
}
