import 'reflect-metadata';
import { loadServiceConfig } from '@shanyu/common';
import { runService } from '@shanyu/messaging';
import { createGateway } from './app.js';
import { GatewayConfig } from './config.js';

await runService(async () => {
  const config = loadServiceConfig(GatewayConfig);
  const gateway = await createGateway(config);
  await gateway.app.listen({ port: config.PORT, host: config.HOST });
  gateway.runtime.logger.info('gateway listening', { url: `http://${config.HOST}:${config.PORT}`, mode: config.SHANYU_MODE });
  return gateway;
});
