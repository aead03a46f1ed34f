import { InspectionIdRequest, InspectionRpc, PublicInspectionsRequest } from '@shanyu/contracts';
import { Controller } from '@nestjs/common';
import { Handles } from '@shanyu/messaging';
import { Payload } from '@nestjs/microservices';
import { PublicComplaints, PublicInspections } from './public.queries.js';

/** 一公开: no caller identity needed; never personal data. */
@Controller()
export class PublicHandlers {
  constructor(
    private readonly inspections: PublicInspections,
    private readonly complaints: PublicComplaints,
  ) {}

  @Handles(InspectionRpc.publicListInspections)
  list(@Payload() body: PublicInspectionsRequest) {
    return this.inspections.list(body);
  }

  @Handles(InspectionRpc.publicGetInspection)
  get(@Payload() body: InspectionIdRequest) {
    return this.inspections.get(body.id);
  }

  @Handles(InspectionRpc.publicListComplaints)
  listComplaints(@Payload() body: PublicInspectionsRequest) {
    return this.complaints.list(body);
  }
}
