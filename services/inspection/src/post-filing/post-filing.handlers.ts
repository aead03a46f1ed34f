import type { Actor } from '@shanyu/common';
import { InspectionRpc, ListPostFilingChecksRequest } from '@shanyu/contracts';
import { Caller, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListPostFilingChecks } from './post-filing-checks.js';

/** `inspection.post-filing.*`: 备案后核查. */
@Controller()
export class PostFilingHandlers {
  constructor(private readonly listChecks: ListPostFilingChecks) {}

  @Handles(InspectionRpc.listPostFilingChecks)
  list(@Payload() body: ListPostFilingChecksRequest, @Caller() actor: Actor) {
    return this.listChecks.execute(body, actor);
  }
}
