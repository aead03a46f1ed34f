import { PublicInstitutionRequest, PublicInstitutionsRequest, RegistryRpc } from '@shanyu/contracts';
import { Controller } from '@nestjs/common';
import { Handles } from '@shanyu/messaging';
import { Payload } from '@nestjs/microservices';
import { PublicRegister } from './public-register.query.js';

/** 公示: public subjects answer without a caller identity. */
@Controller()
export class PublicHandlers {
  constructor(private readonly register: PublicRegister) {}

  @Handles(RegistryRpc.publicListInstitutions)
  list(@Payload() body: PublicInstitutionsRequest) {
    return this.register.list(body);
  }

  @Handles(RegistryRpc.publicGetInstitution)
  get(@Payload() body: PublicInstitutionRequest) {
    return this.register.get(body.id);
  }
}
