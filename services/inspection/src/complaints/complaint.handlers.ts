import type { Actor } from '@shanyu/common';
import { ComplaintOutcomeRequest, FileComplaintBody, InspectionRpc, ListComplaintsRequest, TriageComplaintRequest } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
  @Handles(InspectionRpc.fileComplaint)
  file(@Payload() body: FileComplaintBody, @RequestId() requestId?: string) {
    return this.fileComplaint.execute(body, requestId);
  }

  @Handles(InspectionRpc.listComplaints)
  list(@Payload() body: ListComplaintsRequest, @Caller() actor: Actor) {
    return this.listComplaints.execute(body, actor);
  }

  @Handles(InspectionRpc.triageComplaint)
  triage(@Payload() body: TriageComplaintRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.triageComplaint.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.complaintOutcome)
  outcome(@Payload() body: ComplaintOutcomeRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.recordOutcome.execute(body, actor, requestId);
  }
}
