import type { Actor } from '@shanyu/common';
import {
  GetInstitutionRequest, ListInstitutionsRequest, RegisterInstitutionRequest, RegistrySubjects, UpdateInstitutionRequest,
} from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetInstitution } from './get-institution.query.js';
import { ListInstitutions } from './list-institutions.query.js';
import { RegisterInstitution } from './register-institution.use-case.js';
import { UpdateInstitution } from './update-institution.use-case.js';

/** NATS subjects `registry.institution.*`; bodies and replies are documented in @shanyu/contracts. */
@Controller()
export class InstitutionHandlers {
  constructor(
    private readonly registerInstitution: RegisterInstitution,
    private readonly updateInstitution: UpdateInstitution,
    private readonly getInstitution: GetInstitution,
    private readonly listInstitutions: ListInstitutions,
  ) {}

  @MessagePattern(RegistrySubjects.registerInstitution)
  register(@Payload() body: RegisterInstitutionRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.registerInstitution.execute(body, actor, requestId);
  }

  @MessagePattern(RegistrySubjects.updateInstitution)
  update(@Payload() body: UpdateInstitutionRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.updateInstitution.execute(body, actor, requestId);
  }

  @MessagePattern(RegistrySubjects.getInstitution)
  get(@Payload() body: GetInstitutionRequest, @Caller() actor: Actor) {
    return this.getInstitution.execute(body.id, actor);
  }

  @MessagePattern(RegistrySubjects.listInstitutions)
  list(@Payload() body: ListInstitutionsRequest, @Caller() actor: Actor) {
    return this.listInstitutions.execute(body, actor);
  }
}
