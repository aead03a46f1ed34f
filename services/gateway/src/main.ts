import 'reflect-metadata';
import { ConfigError, loadConfig } from '@shanyu/common';
import { createGateway } from './app.js';
import { GatewayConfig } from './config.js';

try {
  const config = loadConfig(GatewayConfig);
  const gateway = await createGateway(config);
  await gateway.app.listen({ port: config.PORT, host: config.HOST });
  gateway.runtime.logger.info('gateway listening', { url: `http://${config.HOST}:${config.PORT}`, mode: config.SHANYU_MODE });
  const shutdown = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
}
