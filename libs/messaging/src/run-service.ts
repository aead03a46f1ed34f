import { ConfigError } from '@shanyu/common';

export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * A service process's main: start it, stop it cleanly on SIGTERM/SIGINT (close NATS and the
 * database pool), and exit non-zero with a readable message when configuration is wrong.
 */
export async function runService(start: () => Promise<Stoppable>): Promise<void> {
  try {
    const service = await start();
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      await service.stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(1);
  }
}
