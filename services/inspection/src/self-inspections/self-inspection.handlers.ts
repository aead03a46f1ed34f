import type { Actor } from '@shanyu/common';
import { InspectionSubjects, InstitutionIdQuery, SubmitSelfInspectionBody } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListSelfInspections, SelfInspectionForm, SubmitSelfInspection } from './self-inspection.use-cases.js';

/** `inspection.self-inspection.*`: 举办者自查. */
@Controller()
export class SelfInspectionHandlers {
  constructor(
    private readonly submitSelfInspection: SubmitSelfInspection,
    private readonly listSelfInspections: ListSelfInspections,
    private readonly selfInspectionForm: SelfInspectionForm,
  ) {}

  @MessagePattern(InspectionSubjects.submitSelfInspection)
  submit(@Payload() body: SubmitSelfInspectionBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.submitSelfInspection.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.listSelfInspections)
  list(@Payload() body: InstitutionIdQuery, @Caller() actor: Actor) {
    return this.listSelfInspections.execute(body.institutionId, actor);
  }

  @MessagePattern(InspectionSubjects.selfInspectionForm)
  form(@Payload() body: InstitutionIdQuery, @Caller() actor: Actor) {
    return this.selfInspectionForm.execute(body.institutionId, actor);
  }
}
