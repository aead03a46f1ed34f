import type { Actor } from '@shanyu/common';
import {
  GetInstitutionRequest,
  InstitutionByUsccRequest,
  ListInstitutionsRequest,
  RegisterInstitutionRequest,
  RegistryRpc,
  UpdateInstitutionRequest,
} from '@shanyu/contracts';
import { Caller, Handles, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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

  /** By USCC: the same record and the same access rules as by id. */
  @Handles(RegistryRpc.getInstitutionByUscc)
  byUscc(@Payload() body: InstitutionByUsccRequest, @Caller() actor: Actor) {
    return this.getInstitution.byUscc(body.uscc, actor);
  }

  @Handles(RegistryRpc.registerInstitution)
  register(@Payload() body: RegisterInstitutionRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.registerInstitution.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.updateInstitution)
  update(@Payload() body: UpdateInstitutionRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.updateInstitution.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.getInstitution)
  get(@Payload() body: GetInstitutionRequest, @Caller() actor: Actor) {
    return this.getInstitution.execute(body.id, actor);
  }

  @Handles(RegistryRpc.listInstitutions)
  list(@Payload() body: ListInstitutionsRequest, @Caller() actor: Actor) {
    return this.listInstitutions.execute(body, actor);
  }
}
