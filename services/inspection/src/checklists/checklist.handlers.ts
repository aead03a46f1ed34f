import type { Actor } from '@shanyu/common';
import { InspectionRpc, ListChecklistsRequest, PublishChecklistBody } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListChecklists, PublishChecklist } from './checklist.use-cases.js';

/** `inspection.checklist.*`: the two lists (两张清单). */
@Controller()
export class ChecklistHandlers {
  constructor(
    private readonly listChecklists: ListChecklists,
    private readonly publishChecklist: PublishChecklist,
  ) {}

  @Handles(InspectionRpc.listChecklists)
  list(@Payload() body: ListChecklistsRequest, @Caller() _actor: Actor) {
    return this.listChecklists.execute(body);
  }

  /** Public: no caller identity needed (the lists are published). */
  @Handles(InspectionRpc.publicListChecklists)
  listPublic(@Payload() body: ListChecklistsRequest) {
    return this.listChecklists.execute(body);
  }

  @Handles(InspectionRpc.publishChecklist)
  publish(@Payload() body: PublishChecklistBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.publishChecklist.execute(body, actor, requestId);
  }
}
