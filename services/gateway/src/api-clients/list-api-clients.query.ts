import type { DataSource } from 'typeorm';
import { ApiClientRepository } from './api-client.repository.js';
import type { ApiClientView } from './api-client.contracts.js';
import { toApiClientView } from './api-client.views.js';

/** Every API client, newest first, with its secret versions (dates only: secrets are never shown again). */
export class ListApiClients {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<ApiClientView[]> {
    const repository = new ApiClientRepository(this.dataSource.manager);
    const clients = await repository.all();
    const secrets = await repository.allSecrets();
    return clients.map((c) => toApiClientView(c, secrets));
  }
}
