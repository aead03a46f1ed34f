import type { Actor } from '@shanyu/common';
import { ListPopulationRequest, LoadPopulationBody, RegistryRpc } from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListPopulation, LoadPopulation } from './load-population.use-case.js';

@Controller()
export class PopulationHandlers {
  constructor(
    private readonly loadPopulation: LoadPopulation,
    private readonly listPopulation: ListPopulation,
  ) {}

  @Handles(RegistryRpc.loadPopulation)
  load(@Payload() body: LoadPopulationBody, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.loadPopulation.execute(body, actor, requestId);
  }

  @Handles(RegistryRpc.listPopulation)
  list(@Payload() body: ListPopulationRequest, @Caller() actor: Actor) {
    return this.listPopulation.execute(body, actor);
  }
}
