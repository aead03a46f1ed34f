import type { Actor } from '@shanyu/common';
import { FindingIdRequest, InspectionRpc, ListRectificationsRequest, ReportRectificationRequest, VerifyRectificationRequest } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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

  @Handles(InspectionRpc.listRectifications)
  list(@Payload() body: ListRectificationsRequest, @Caller() actor: Actor) {
    return this.listRectifications.execute(body, actor);
  }

  @Handles(InspectionRpc.getRectification)
  get(@Payload() body: FindingIdRequest, @Caller() actor: Actor) {
    return this.getRectification.execute(body.id, actor);
  }

  @Handles(InspectionRpc.verifyRectification)
  verify(@Payload() body: VerifyRectificationRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.verifyRectification.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.reportRectification)
  report(@Payload() body: ReportRectificationRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.reportRectification.execute(body, actor, requestId);
  }
}
