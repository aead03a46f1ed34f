import type { Actor } from '@shanyu/common';
import { AddConflictRequest, AddInspectorRequest, InspectionRpc, ListInspectorsRequest } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AddConflict, AddInspector, ListInspectors } from './inspector.use-cases.js';

/** `inspection.inspector.*` and `inspection.conflict.add`: the inspector pools. */
@Controller()
export class InspectorHandlers {
  constructor(
    private readonly addInspector: AddInspector,
    private readonly listInspectors: ListInspectors,
    private readonly addConflict: AddConflict,
  ) {}

  @Handles(InspectionRpc.addInspector)
  add(@Payload() body: AddInspectorRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addInspector.execute(body, actor, requestId);
  }

  @Handles(InspectionRpc.listInspectors)
  list(@Payload() body: ListInspectorsRequest, @Caller() actor: Actor) {
    return this.listInspectors.execute(body, actor);
  }

  @Handles(InspectionRpc.addConflict)
  conflict(@Payload() body: AddConflictRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addConflict.execute(body, actor, requestId);
  }
}
