import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { JsonLogger, NestJsonLogger } from '@shanyu/common';
import { ServiceRuntime } from '@shanyu/messaging';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DemoAccounts } from './accounts/demo-accounts.js';
import { TokenService } from './auth/token.service.js';
import { type GatewayConfig, resolveJwtSecret } from './config.js';
import { gatewayDataSource } from './data-source.js';
import { componentSchemas } from './docs/api-documents.js';
import { GatewayModule } from './gateway.module.js';
import { registerRequestLogging, requestIdFrom } from './http/request-logging.js';

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
  const runtime = await ServiceRuntime.start({
    service: 'gateway',
    natsUrl: config.NATS_URL,
    dataSource: gatewayDataSource(config.DATABASE_URL, config.GATEWAY_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
  });
  const demo = new DemoAccounts(runtime.dataSource, logger);
  const demoAccounts = config.SHANYU_MODE === 'production' ? [] : await demo.ensure(config.SHANYU_DEMO_PASSWORD);
  if (config.SHANYU_MODE === 'production') {
    const removed = await demo.removeAll();
    if (removed) logger.warn('removed demo accounts in production mode', { removed });
  }

  const adapter = new FastifyAdapter({
    logger: false,
    bodyLimit: 1_000_000,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdFrom(req.headers['x-request-id'], randomUUID),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register({ runtime, tokens: new TokenService(jwtSecret, config.JWT_TTL_SECONDS), logger, healthServices: config.HEALTH_SERVICES.split(',').map((s) => s.trim()).filter(Boolean), publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}` }),
    adapter,
    { logger: new NestJsonLogger(logger) },
  );
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLogging(fastify, logger);
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

  await app.init();
  await fastify.ready();
  return {
    app,
    runtime,
    demoAccounts,
    async stop() {
      await app.close();
      await runtime.stop();
    },
  };
}
