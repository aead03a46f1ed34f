import type { Actor } from '@shanyu/common';
import { FindingIdRequest, InspectionSubjects, ListRectificationsRequest, ReportRectificationRequest, VerifyRectificationRequest } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetRectification, ListRectifications, ReportRectification, VerifyRectification } from './rectification.use-cases.js';

/** `inspection.rectification.*`: findings and their rectification (整改). */
@Controller()
export class RectificationHandlers {
  constructor(
    private readonly listRectifications: ListRectifications,
    private readonly getRectification: GetRectification,
    private readonly verifyRectification: VerifyRectification,
    private readonly reportRectification: ReportRectification,
  ) {}

  @MessagePattern(InspectionSubjects.listRectifications)
  list(@Payload() body: ListRectificationsRequest, @Caller() actor: Actor) {
    return this.listRectifications.execute(body, actor);
  }

  @MessagePattern(InspectionSubjects.getRectification)
  get(@Payload() body: FindingIdRequest, @Caller() actor: Actor) {
    return this.getRectification.execute(body.id, actor);
  }

  @MessagePattern(InspectionSubjects.verifyRectification)
  verify(@Payload() body: VerifyRectificationRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.verifyRectification.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.reportRectification)
  report(@Payload() body: ReportRectificationRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.reportRectification.execute(body, actor, requestId);
  }
}
