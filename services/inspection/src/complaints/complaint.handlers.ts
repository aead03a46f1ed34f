import type { Actor } from '@shanyu/common';
import { ComplaintOutcomeRequest, FileComplaintBody, InspectionSubjects, ListComplaintsRequest, TriageComplaintRequest } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FileComplaint, ListComplaints, RecordComplaintOutcome, TriageComplaint } from './complaint.use-cases.js';

/** `inspection.complaint.*`: 投诉举报. */
@Controller()
export class ComplaintHandlers {
  constructor(
    private readonly fileComplaint: FileComplaint,
    private readonly listComplaints: ListComplaints,
    private readonly triageComplaint: TriageComplaint,
    private readonly recordOutcome: RecordComplaintOutcome,
  ) {}

  /** Public: no caller identity needed. */
  @MessagePattern(InspectionSubjects.fileComplaint)
  file(@Payload() body: FileComplaintBody, @RequestId() requestId?: string) {
    return this.fileComplaint.execute(body, requestId);
  }

  @MessagePattern(InspectionSubjects.listComplaints)
  list(@Payload() body: ListComplaintsRequest, @Caller() actor: Actor) {
    return this.listComplaints.execute(body, actor);
  }

  @MessagePattern(InspectionSubjects.triageComplaint)
  triage(@Payload() body: TriageComplaintRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.triageComplaint.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.complaintOutcome)
  outcome(@Payload() body: ComplaintOutcomeRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.recordOutcome.execute(body, actor, requestId);
  }
}
