import type { ActorTokenSigner, JsonLogger } from '@shanyu/common';
import { ContractValidationPipe, RpcClient, type ServiceRuntime } from '@shanyu/messaging';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { IssueToken } from './auth/issue-token.use-case.js';
import { IssueIdentityToken } from './auth/issue-identity-token.use-case.js';
import { TokenService } from './auth/token.service.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './auth/login-limiter.js';
import { TokenRevocations } from './auth/token-revocations.js';
import { ListLoginLockouts } from './auth/list-login-lockouts.query.js';
import { LoginLockoutsController } from './auth/login-lockouts.controller.js';
import { UnlockLogin } from './auth/unlock-login.use-case.js';
import { HEALTH_SERVICES, HealthController, NATS_CONNECTION } from './health/health.controller.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { InstitutionsController } from './institutions/institutions.controller.js';
import { DocsController } from './docs/docs.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { FilingsController, PUBLIC_BASE_URL } from './filings/filings.controller.js';
import { RegistryRulesController } from './rules/registry-rules.controller.js';
import { PopulationController } from './population/population.controller.js';
import { IndicatorsController } from './indicators/indicators.controller.js';
import { RulesController } from './rules/rules.controller.js';
import { PublicController } from './public/public.controller.js';
import { StaffController } from './staff/staff.controller.js';
import { SubsidyController } from './subsidy/subsidy.controller.js';
import { CreditController, PublicCreditController } from './credit/credit.controller.js';
import { EvidenceController } from './evidence/evidence.controller.js';
import { InspectionController } from './inspection/inspection.controller.js';
import { InspectionPublicController } from './inspection/inspection-public.controller.js';
import { RectificationController } from './inspection/rectification.controller.js';
import { EvidenceStore } from './evidence/evidence-store.js';
import { LoadCalendarYear } from './calendar/load-calendar-year.use-case.js';
import { ReadCalendarYear } from './calendar/read-calendar-year.query.js';
import { ApiClientAuthenticator } from './api-clients/api-client-authenticator.js';
import { ApiClientsController } from './api-clients/api-clients.controller.js';
import { CreateApiClient } from './api-clients/create-api-client.use-case.js';
import { IssueClientToken } from './api-clients/issue-client-token.use-case.js';
import { ListApiClients } from './api-clients/list-api-clients.query.js';
import { RevokeApiClient } from './api-clients/revoke-api-client.use-case.js';
import { RotateApiClientSecret } from './api-clients/rotate-api-client-secret.use-case.js';
import { ApiRouteCatalog } from './api-clients/scopes.js';

export interface GatewayModuleOptions {
  runtime: ServiceRuntime;
  /** Signs identity tokens (the gateway's Ed25519 key): for department systems' NATS requests. */
  signer: ActorTokenSigner;
  tokens: TokenService;
  /** Revoked tokens, started (their set loaded and logouts heard) before the module is built. */
  revocations: TokenRevocations;
  logger: JsonLogger;
  healthServices: string[];
  /** Base of the URLs printed on documents (receipt QR codes). */
  publicBaseUrl: string;
  /** Login waits, lockout and the per-address rule (default: waits after 2 failures, lock at 5, 20 per address, in 15 minutes). */
  loginLimits?: LoginLimits;
  /** Where evidence files are kept (content-addressed). */
  evidenceDir: string;
  /** The routes of the OpenAPI document, filled in once it is built: API client scopes are checked against it. */
  routeCatalog?: ApiRouteCatalog;
}

@Module({})
export class GatewayModule {
  static register(options: GatewayModuleOptions): DynamicModule {
    const { runtime, tokens, revocations, logger } = options;
    const loginLimits = options.loginLimits ?? DEFAULT_LOGIN_LIMITS;
    const limiter = new LoginLimiter(runtime.dataSource, loginLimits);
    const clients = new ApiClientAuthenticator(runtime.dataSource, limiter);
    const routeCatalog = options.routeCatalog ?? new ApiRouteCatalog();
    return {
      module: GatewayModule,
      controllers: [
        AuthController,
        HealthController,
        InstitutionsController,
        FilingsController,
        RegistryRulesController,
        PublicController,
        PopulationController,
        IndicatorsController,
        RulesController,
        StaffController,
        SubsidyController,
        CreditController,
        PublicCreditController,
        EvidenceController,
        InspectionController,
        RectificationController,
        InspectionPublicController,
        AuditController,
        CalendarController,
        DocsController,
        ApiClientsController,
        LoginLockoutsController,
      ],
      providers: [
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: RpcClient, useValue: runtime.rpc },
        { provide: TokenService, useValue: tokens },
        { provide: TokenRevocations, useValue: revocations },
        { provide: IssueToken, useValue: new IssueToken(runtime.dataSource, tokens, limiter) },
        { provide: ListLoginLockouts, useValue: new ListLoginLockouts(runtime.dataSource, loginLimits) },
        { provide: UnlockLogin, useValue: new UnlockLogin(runtime.dataSource, loginLimits) },
        { provide: IssueClientToken, useValue: new IssueClientToken(clients, tokens) },
        { provide: IssueIdentityToken, useValue: new IssueIdentityToken(options.signer) },
        { provide: ApiRouteCatalog, useValue: routeCatalog },
        { provide: CreateApiClient, useValue: new CreateApiClient(runtime.dataSource, routeCatalog) },
        { provide: ListApiClients, useValue: new ListApiClients(runtime.dataSource) },
        { provide: RotateApiClientSecret, useValue: new RotateApiClientSecret(runtime.dataSource) },
        { provide: RevokeApiClient, useValue: new RevokeApiClient(runtime.dataSource) },
        { provide: LoadCalendarYear, useValue: new LoadCalendarYear(runtime.unitOfWork) },
        { provide: ReadCalendarYear, useValue: new ReadCalendarYear(runtime.dataSource) },
        { provide: NATS_CONNECTION, useValue: runtime.nats },
        { provide: PUBLIC_BASE_URL, useValue: options.publicBaseUrl },
        { provide: HEALTH_SERVICES, useValue: options.healthServices },
        { provide: EvidenceStore, useValue: new EvidenceStore(runtime.dataSource, options.evidenceDir) },
        { provide: APP_GUARD, useFactory: (r: Reflector) => new AuthGuard(r, tokens, revocations, clients), inject: [Reflector] },
        { provide: APP_PIPE, useClass: ContractValidationPipe },
        { provide: APP_FILTER, useValue: new HttpErrorFilter(logger) },
      ],
    };
  }
}
