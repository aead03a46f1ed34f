import { InspectionIdRequest, InspectionSubjects, PublicInspectionsRequest } from '@shanyu/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PublicComplaints, PublicInspections } from './public.queries.js';

/** 一公开: no caller identity needed; never personal data. */
@Controller()
export class PublicHandlers {
  constructor(
    private readonly inspections: PublicInspections,
    private readonly complaints: PublicComplaints,
  ) {}

  @MessagePattern(InspectionSubjects.publicListInspections)
  list(@Payload() body: PublicInspectionsRequest) {
    return this.inspections.list(body);
  }

  @MessagePattern(InspectionSubjects.publicGetInspection)
  get(@Payload() body: InspectionIdRequest) {
    return this.inspections.get(body.id);
  }

  @MessagePattern(InspectionSubjects.publicListComplaints)
  listComplaints(@Payload() body: PublicInspectionsRequest) {
    return this.complaints.list(body);
  }
}
