import { type Actor, actorCoversDivision, departmentNotAllowed, divisionFullName, divisionPrefix, DomainError, scopePrefixes } from '@shanyu/common';
import { type ListPopulationRequest, type LoadPopulationBody, type PopulationView, RegistryEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { DataSource } from 'typeorm';
import { PopulationRepository } from './population.repository.js';

/** Loads population rows (admin, or a health bureau for its own divisions); a row replaces the same division-year. */
export class LoadPopulation {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async execute(request: LoadPopulationBody, actor: Actor, requestId?: string): Promise<{ loaded: number }> {
    if (actor.department !== 'admin' && actor.department !== 'health') throw departmentNotAllowed(actor, '载入人口数据', ['health', 'admin']);
    const outside = request.rows.map((r, i) => ({ r, i })).filter(({ r }) => !actorCoversDivision(actor, r.divisionCode));
    if (outside.length) {
      throw new DomainError(
        'DIVISION_OUT_OF_SCOPE',
        `第 ${outside.map(({ i }) => i + 1).join('、')} 行的区划不在本账号管辖范围内`,
        outside.map(({ r, i }) => ({ field: `rows.${i}.divisionCode`, code: 'DIVISION_OUT_OF_SCOPE', message: `${r.divisionCode} 不在管辖范围内` })),
      );
    }
    const seen = new Map<string, number>();
    const duplicates = request.rows.flatMap((r, i) => {
      const key = `${r.divisionCode}/${r.year}`;
      const first = seen.get(key);
      seen.set(key, i);
      return first === undefined ? [] : [{ field: `rows.${i}`, code: 'duplicate', message: `与第 ${first + 1} 行重复（${key}）` }];
    });
    if (duplicates.length) throw DomainError.validation(duplicates);
    return this.unitOfWork.run(async (tx) => {
      const now = new Date();
      await new PopulationRepository(tx.manager).upsert(request.rows.map((r) => ({ ...r, loadedBy: actor.userId, loadedAt: now })));
      await tx.publish(RegistryEvt.populationLoaded, { actor, entityId: `population-${now.getTime()}`, data: { rows: request.rows } });
      await tx.audit({
        actor,
        action: 'population.load',
        entity: 'population',
        entityId: request.rows
          .map((r) => `${r.divisionCode}/${r.year}`)
          .slice(0, 20)
          .join(','),
        after: { rows: request.rows.length },
        requestId,
      });
      return { loaded: request.rows.length };
    });
  }
}

export class ListPopulation {
  private readonly population: PopulationRepository;

  constructor(dataSource: DataSource) {
    this.population = new PopulationRepository(dataSource.manager);
  }

  async execute(request: ListPopulationRequest, actor: Actor): Promise<PopulationView[]> {
    const scopes = scopePrefixes(actor);
    const rows = await this.population.list({
      divisionPrefixes: scopes !== null && actor.department !== 'operator' ? scopes : undefined,
      divisionPrefix: request.divisionCode ? divisionPrefix(request.divisionCode) : undefined,
      year: request.year,
    });
    return rows.map((p) => ({
      divisionCode: p.divisionCode,
      divisionName: divisionFullName(p.divisionCode) ?? p.divisionCode,
      year: p.year,
      residentPopulation: p.residentPopulation,
      childrenUnder3: p.childrenUnder3,
      source: p.source,
      loadedAt: p.loadedAt.toISOString(),
    }));
  }
}
