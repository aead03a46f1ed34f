import { type Static, Type as t } from '@sinclair/typebox';

export const TokenRevokedData = t.Object(
  {
    jti: t.String({ format: 'uuid', description: 'The id of the access token logged out' }),
    expiresAt: t.String({ format: 'date-time', description: 'When the token would have expired: no replica needs to remember it after that' }),
  },
  { $id: 'TokenRevokedData' },
);
export type TokenRevokedData = Static<typeof TokenRevokedData>;
