import type { Actor } from '@shanyu/common';
import { DemonstrationRequest, DeregistrationRequest, InclusiveRequest, RegistryRpc } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DeregisterInstitution } from './deregister-institution.use-case.js';
import { DesignateDemonstration } from './designate-demonstration.use-case.js';
import { SetInclusive } from './set-inclusive.use-case.js';

@Controller()
export class StatusHandlers {
  constructor(
    private readonly setInclusive: SetInclusive,
    private readonly designateDemonstration: DesignateDemonstration,
    private readonly deregisterInstitution: DeregisterInstitution,
  ) {}

  @Handles(RegistryRpc.setInclusive)
  inclusive(@Payload() body: InclusiveRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.setInclusive.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.designateDemonstration)
  demonstration(@Payload() body: DemonstrationRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.designateDemonstration.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.deregisterInstitution)
  deregister(@Payload() body: DeregistrationRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.deregisterInstitution.execute(body, actor, requestId);
  }
}
