import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { auditHandlersFor, ContractValidationPipe, OutboxRelay, RpcDomainErrorFilter, type ServiceRuntime, UnitOfWork } from '@shanyu/messaging';
import { DataSource } from 'typeorm';
import { HealthHandlers } from './health.handlers.js';
import { GetInstitution } from './institutions/get-institution.query.js';
import { InstitutionAccessPolicy } from './institutions/institution-access.policy.js';
import { InstitutionHandlers } from './institutions/institution.handlers.js';
import { ListInstitutions } from './institutions/list-institutions.query.js';
import { RegisterInstitution } from './institutions/register-institution.use-case.js';
import { UpdateInstitution } from './institutions/update-institution.use-case.js';

@Module({})
export class RegistryModule {
  static register(runtime: ServiceRuntime): DynamicModule {
    return {
      module: RegistryModule,
      controllers: [InstitutionHandlers, HealthHandlers, auditHandlersFor('registry')],
      providers: [
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: UnitOfWork, useValue: runtime.unitOfWork },
        { provide: OutboxRelay, useValue: runtime.relay },
        { provide: InstitutionAccessPolicy, useValue: new InstitutionAccessPolicy() },
        { provide: RegisterInstitution, useFactory: (u: UnitOfWork, p: InstitutionAccessPolicy) => new RegisterInstitution(u, p), inject: [UnitOfWork, InstitutionAccessPolicy] },
        { provide: UpdateInstitution, useFactory: (u: UnitOfWork, p: InstitutionAccessPolicy) => new UpdateInstitution(u, p), inject: [UnitOfWork, InstitutionAccessPolicy] },
        { provide: GetInstitution, useFactory: (d: DataSource, p: InstitutionAccessPolicy) => new GetInstitution(d, p), inject: [DataSource, InstitutionAccessPolicy] },
        { provide: ListInstitutions, useFactory: (d: DataSource) => new ListInstitutions(d), inject: [DataSource] },
        { provide: APP_PIPE, useClass: ContractValidationPipe },
        { provide: APP_FILTER, useClass: RpcDomainErrorFilter },
      ],
    };
  }
}
