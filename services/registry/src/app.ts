import 'reflect-metadata';
import { JsonLogger, NestJsonLogger } from '@shanyu/common';
import { NatsRpcServer, ServiceRuntime } from '@shanyu/messaging';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import type { RegistryConfig } from './config.js';
import { registryDataSource } from './data-source.js';
import { RegistryModule } from './registry.module.js';

export interface RunningRegistry {
  app: INestMicroservice;
  runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/** Connects, migrates and starts answering `registry.*` requests. */
export async function startRegistry(config: RegistryConfig, options: { relay?: boolean } = {}): Promise<RunningRegistry> {
  const logger = new JsonLogger('registry', config.LOG_LEVEL);
  const runtime = await ServiceRuntime.start({
    service: 'registry',
    natsUrl: config.NATS_URL,
    dataSource: registryDataSource(config.DATABASE_URL, config.REGISTRY_DB_SCHEMA),
    logger,
    rpcTimeoutMs: config.RPC_TIMEOUT_MS,
    relay: options.relay,
  });
  const app = await NestFactory.createMicroservice(RegistryModule.register(runtime), {
    strategy: new NatsRpcServer({ connection: runtime.nats, service: 'registry', logger }),
    logger: new NestJsonLogger(logger),
  });
  await app.listen();
  return {
    app,
    runtime,
    async stop() {
      await app.close();
      await runtime.stop();
    },
  };
}
