import { PublicInstitutionRequest, PublicInstitutionsRequest, RegistrySubjects } from '@shanyu/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PublicRegister } from './public-register.query.js';

/** 公示: public subjects answer without a caller identity. */
@Controller()
export class PublicHandlers {
  constructor(private readonly register: PublicRegister) {}

  @MessagePattern(RegistrySubjects.publicListInstitutions)
  list(@Payload() body: PublicInstitutionsRequest) {
    return this.register.list(body);
  }

  @MessagePattern(RegistrySubjects.publicGetInstitution)
  get(@Payload() body: PublicInstitutionRequest) {
    return this.register.get(body.id);
  }
}
