import type { Actor } from '@shanyu/common';
import { AddConflictRequest, AddInspectorRequest, InspectionSubjects, ListInspectorsRequest } from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AddConflict, AddInspector, ListInspectors } from './inspector.use-cases.js';

/** `inspection.inspector.*` and `inspection.conflict.add`: the inspector pools. */
@Controller()
export class InspectorHandlers {
  constructor(
    private readonly addInspector: AddInspector,
    private readonly listInspectors: ListInspectors,
    private readonly addConflict: AddConflict,
  ) {}

  @MessagePattern(InspectionSubjects.addInspector)
  add(@Payload() body: AddInspectorRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addInspector.execute(body, actor, requestId);
  }

  @MessagePattern(InspectionSubjects.listInspectors)
  list(@Payload() body: ListInspectorsRequest, @Caller() actor: Actor) {
    return this.listInspectors.execute(body, actor);
  }

  @MessagePattern(InspectionSubjects.addConflict)
  conflict(@Payload() body: AddConflictRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addConflict.execute(body, actor, requestId);
  }
}
