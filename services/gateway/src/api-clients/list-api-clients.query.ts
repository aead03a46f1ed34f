import type { DataSource } from 'typeorm';
import { ApiClient, ApiClientSecret } from './api-client.entity.js';
import type { ApiClientView } from './api-client.contracts.js';
import { toApiClientView } from './api-client.views.js';

/** Every API client, newest first, with its secret versions (dates only: secrets are never shown again). */
export class ListApiClients {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<ApiClientView[]> {
    const clients = await this.dataSource.getRepository(ApiClient).find({ order: { createdAt: 'DESC', clientId: 'ASC' } });
    const secrets = await this.dataSource.getRepository(ApiClientSecret).find();
    return clients.map((c) => toApiClientView(c, secrets));
  }
}
