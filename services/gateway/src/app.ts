import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ACTOR_TOKEN_TTL_SECONDS, ActorTokenSigner, identityPublicKeyOf, JsonLogger, NestJsonLogger } from '@shanyu/common';
import { ServiceRuntime } from '@shanyu/messaging';
import { observabilityConfigFromEnv } from '@shanyu/observability';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DemoAccounts } from './accounts/demo-accounts.js';
import { TokenRevocations } from './auth/token-revocations.js';
import { TokenService } from './auth/token.service.js';
import { type GatewayConfig, jsonBodyLimits, loginLimits, requireIdentitySigningKey, resolveJwtSecret, trustProxyOption } from './config.js';
import { gatewayDataSource } from './data-source.js';
import { componentSchemas } from './docs/api-documents.js';
import { GatewayModule } from './gateway.module.js';
import { toHttpError } from './http/http-error.filter.js';
import { registerBodyParsers } from './http/body-limits.js';
import { registerMediaTypeGuard } from './http/media-type-guard.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerHttpObservability, registerMetricsRoute } from './http/observability.js';
import { registerRequestLogging, requestIdFrom } from './http/request-logging.js';
import { provisionDepartmentConsumers } from './nats/department-consumers.js';
import { DEFAULT_WEB_DIST_DIR, registerWebApp } from './web/web-app.js';
import { ApiRouteCatalog } from './api-clients/scopes.js';

export interface RunningGateway {
  app: NestFastifyApplication;
  runtime: ServiceRuntime;
  demoAccounts: string[];
  stop(): Promise<void>;
}

/** Builds the HTTP gateway (Fastify), migrates its schema and, in demo mode, its demo accounts. */
export async function createGateway(config: GatewayConfig): Promise<RunningGateway> {
  const jwtSecret = resolveJwtSecret(config);
  const logger = new JsonLogger('gateway', config.LOG_LEVEL);
  const signingKey = requireIdentitySigningKey(config);
  const signer = new ActorTokenSigner(signingKey, config.IDENTITY_TOKEN_TTL_SECONDS ?? ACTOR_TOKEN_TTL_SECONDS);
  const runtime = await ServiceRuntime.start({
    service: 'gateway',
    natsUrl: config.NATS_URL,
    natsUser: config.NATS_USER,
    natsPassword: config.NATS_PASSWORD,
    identityPublicKey: identityPublicKeyOf(signingKey),
    identityIssuer: signer,
    dataSource: gatewayDataSource(config.DATABASE_URL, config.GATEWAY_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
  });
  await provisionDepartmentConsumers(runtime.jsm, logger);
  const revocations = new TokenRevocations(runtime.dataSource, runtime.unitOfWork, runtime.nats, logger);
  await revocations.start();
  const demo = new DemoAccounts(runtime.dataSource, logger);
  const demoAccounts = config.SHANYU_MODE === 'production' ? [] : await demo.ensure(config.SHANYU_DEMO_PASSWORD);
  if (config.SHANYU_MODE === 'production') {
    const removed = await demo.removeAll();
    if (removed) logger.warn('removed demo accounts in production mode', { removed });
  }

  const bodyLimits = jsonBodyLimits(config);
  const adapter = new FastifyAdapter({
    logger: false,
    // Request size limit: a larger body is refused with 413 PAYLOAD_TOO_LARGE before it is parsed.
    bodyLimit: bodyLimits.maxBytes,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    // Errors Fastify raises before any route runs (a path parameter over 100 characters, a bad URL)
    // get the same {statusCode, code, message} body as every other error.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const body = toHttpError(error);
      void reply.code(body.statusCode).send(body as never);
    },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdFrom(req.headers['x-request-id'], randomUUID),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register({
      runtime,
      signer,
      tokens: new TokenService(jwtSecret, config.JWT_TTL_SECONDS),
      revocations,
      logger,
      healthServices: config.HEALTH_SERVICES.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`,
      evidenceDir: path.resolve(config.EVIDENCE_DIR ?? '.data/evidence'),
      loginLimits: loginLimits(config),
    }),
    adapter,
    { logger: new NestJsonLogger(logger) },
  );
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(app, bodyLimits);
  registerSecurityHeaders(app);
  registerHttpObservability(fastify, runtime.metrics);
  registerRequestLogging(fastify, logger);
  registerMetricsRoute(fastify, runtime.metrics, observabilityConfigFromEnv().metricsToken);
  // CSV uploads (population import) arrive as text.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 10_000_000 }, (_req, body, done) => done(null, body));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Shanyu 善育 API')
      .setDescription(
        '托育机构综合监管平台的公开接口。Errors are `{statusCode, code, message, details?}`: `code` is a stable English identifier, ' +
          '`message` is Chinese, `details` names each bad field. Money is integer fen (`…Fen`). NATS subjects and events: /api/docs/asyncapi.json.',
      )
      .setVersion('1.0.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(componentSchemas() as object) } };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  // Multipart and CSV bodies only where a route documents them (415 elsewhere).
  registerMediaTypeGuard(fastify, document);
  app.get(ApiRouteCatalog).load(document);

  await app.init();
  // The web app (inspector, console, dashboards, public pages) at /, beside the API.
  await registerWebApp(fastify, path.resolve(config.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR), logger);
  await fastify.ready();
  return {
    app,
    runtime,
    demoAccounts,
    async stop() {
      revocations.stop();
      await app.close();
      await runtime.stop();
    },
  };
}

export type { GatewayConfig } from './config.js';
export { DEMO_JWT_SECRET } from './config.js';
export * from './api-clients/index.js';
export { runAdmin, type AdminIo } from './admin/cli.js';
export { provisionDepartmentConsumers } from './nats/department-consumers.js';
