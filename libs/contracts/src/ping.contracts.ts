import { type Static, Type as t } from '@sinclair/typebox';

/** The reply of `<service>.health.ping`: the service is up, and how many events wait in its outbox. */
export const Ping = t.Object(
  {
    service: t.String(),
    time: t.String({ format: 'date-time' }),
    outboxBacklog: t.Optional(t.Integer({ description: 'Outbox rows not yet published' })),
  },
  { $id: 'Ping' },
);
export type Ping = Static<typeof Ping>;
