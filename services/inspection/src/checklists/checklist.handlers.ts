import type { Actor } from '@shanyu/common';
import { InspectionSubjects, ListChecklistsRequest, PublishChecklistBody } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListChecklists, PublishChecklist } from './checklist.use-cases.js';

/** `inspection.checklist.*`: the two lists (两张清单). */
@Controller()
export class ChecklistHandlers {
  constructor(
    private readonly listChecklists: ListChecklists,
    private readonly publishChecklist: PublishChecklist,
  ) {}

  @MessagePattern(InspectionSubjects.listChecklists)
  list(@Payload() body: ListChecklistsRequest, @Caller() _actor: Actor) {
    return this.listChecklists.execute(body);
  }

  /** Public: no caller identity needed (the lists are published). */
  @MessagePattern(InspectionSubjects.publicListChecklists)
  listPublic(@Payload() body: ListChecklistsRequest) {
    return this.listChecklists.execute(body);
  }

  @MessagePattern(InspectionSubjects.publishChecklist)
  publish(@Payload() body: PublishChecklistBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishChecklist.execute(body, actor, requestId);
  }
}
