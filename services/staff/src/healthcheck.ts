// The container health check: exits 0 when the service answers its ping over NATS.
import { exitWithPing } from '@shanyu/messaging';

await exitWithPing('staff');
