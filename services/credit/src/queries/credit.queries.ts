import { type Actor, DomainError, divisionPrefix, type IsoDate, shanghaiToday } from '@shanyu/common';
import {
  type CreditEntryView,
  type CreditGrade,
  type CreditListItem,
  type CreditListPage,
  type CreditListRequest,
  type CreditModelView,
  type CreditView,
  type GetCreditRequest,
  type PublicCreditListRequest,
  type PublicCreditView,
} from '@shanyu/contracts';
import type { DataSource } from 'typeorm';
import type { CreditAccessPolicy } from '../access/credit-access.policy.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';
import type { Ledger } from '../ledger/ledger.js';
import type { CreditModel, CreditModels } from '../model/credit-model.js';
import type { CreditModelStore } from '../model/credit-rule-documents.js';
import { evaluate, type Evaluation, startGrade } from '../model/evaluate.js';
import { CreditReadRepository } from './credit-read.repository.js';
import { ListingRepository, type ListingRow } from '../listing/listing.repository.js';

const gradeLabel = (model: CreditModel, grade: CreditGrade) => model.grades.find((g) => g.grade === grade)!.label;

/** Which model a grade was computed with: its jurisdiction and the documents it was composed from. */
function modelRefs(model: CreditModel) {
  return {
    modelJurisdiction: model.jurisdiction,
    modelJurisdictionName: model.jurisdictionName,
    modelDocuments: model.documents.map((d) => ({
      version: d.version,
      title: d.title,
      jurisdiction: d.jurisdiction,
      jurisdictionName: d.jurisdictionName,
      effectiveFrom: d.effectiveFrom,
    })),
  };
}

export function toCreditView(institutionId: string, name: string | null, divisionCode: string | null, e: Evaluation): CreditView {
  const entries: CreditEntryView[] = e.entries.map(({ entry, rule, effectivePoints, adjustment, dTriggerActive, repairedBy }) => ({
    entryId: entry.id,
    sourceEventId: entry.sourceEventId,
    subject: entry.subject,
    eventType: entry.eventType,
    occurredOn: entry.occurredOn,
    occurredAt: entry.occurredAt,
    ref: entry.ref,
    department: entry.department,
    ruleId: entry.ruleId,
    title: rule.title,
    source: entry.source,
    modelVersion: entry.modelVersion,
    points: entry.points,
    effectivePoints,
    adjustment,
    dTriggerActive,
    repairedBy,
    facts: entry.facts,
  }));
  return {
    institutionId,
    institutionName: name,
    divisionCode,
    at: e.at,
    score: e.score,
    grade: e.grade,
    gradeLabel: gradeLabel(e.model, e.grade),
    modelVersion: e.model.version,
    ...modelRefs(e.model),
    startScore: e.model.startScore,
    thresholds: e.model.grades.map((g) => ({ grade: g.grade, label: g.label, minScore: g.minScore })),
    explanation: e.explanation,
    dTriggers: e.entries
      .filter((x) => x.dTriggerActive)
      .map((x) => ({
        entryId: x.entry.id,
        ruleId: x.rule.id,
        title: x.rule.title,
        source: x.rule.source,
        occurredOn: x.entry.occurredOn,
        activeUntil: x.dTriggerUntil!,
      })),
    measures: e.model.measures[e.grade],
    listingProcedure: e.model.listing,
    entries,
  };
}

/** 信用 of one institution at a date: recomputed from the ledger with the model in force in its division then. */
export class GetCredit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: CreditModelStore,
    private readonly ledger: Ledger,
    private readonly policy: CreditAccessPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(request: GetCreditRequest, actor: Actor): Promise<CreditView> {
    const institution = await new InstitutionRepository(this.dataSource).get(request.id);
    const entries = await this.ledger.forInstitution(this.dataSource, request.id);
    if (!institution && entries.length === 0) throw new DomainError('INSTITUTION_NOT_FOUND', `机构 ${request.id} 不存在（或尚无信用记录）`);
    const divisionCode = institution?.divisionCode ?? [...entries].reverse().find((e) => e.divisionCode)?.divisionCode ?? null;
    this.policy.assertCanRead(actor, { divisionCode, ownerUserId: institution?.ownerUserId ?? null });
    const today = shanghaiToday(this.now());
    const at: IsoDate = request.at ?? today;
    if (at > today) throw DomainError.validation([{ field: 'at', code: 'notInFuture', message: `查询日期不能晚于今天（${today}）` }]);
    return toCreditView(
      request.id,
      institution?.name ?? null,
      divisionCode,
      evaluate(entries, at, await this.models.current(this.dataSource), divisionCode ?? ''),
    );
  }
}

/** Grade lists: institutions graded A (优) / D (差) today, in a division (registered, not deregistered). */
export class CreditLists {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: CreditAccessPolicy,
  ) {}

  async execute(request: CreditListRequest, actor: Actor): Promise<CreditListPage> {
    const prefixes = this.policy.listScope(actor, request.divisionCode)?.map(divisionPrefix) ?? null;
    const grade: CreditGrade = request.list === 'red' ? 'A' : 'D';
    const page = request.page ?? 1;
    const pageSize = request.pageSize ?? 50;
    const { rows, total } = await new CreditReadRepository(this.dataSource).gradeList(grade, prefixes, page, pageSize);
    const items: CreditListItem[] = rows.map((r) => ({
      institutionId: r.institutionId,
      institutionName: r.name,
      divisionCode: r.divisionCode,
      grade: r.grade,
      score: r.score,
      since: r.since,
      modelVersion: r.modelVersion,
      reasons: (grade === 'D' ? r.reasons.filter((x) => x.kind === 'd_trigger') : r.reasons).map((x) => x.text),
    }));
    return { list: request.list, grade, divisionCode: request.divisionCode ?? null, items, total, page, pageSize };
  }
}

/**
 * The model as it applies in each jurisdiction with documents of its own (the national default
 * first), for each period, as data (rules, sources, thresholds, measures), for officials and
 * department systems. The documents themselves: GET /api/v1/rules/documents?family=credit.
 */
export class ListCreditModels {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: CreditModelStore,
  ) {}

  async execute(): Promise<CreditModelView[]> {
    return (await this.models.current(this.dataSource)).applied().map((m) => ({
      version: m.version,
      effectiveFrom: m.effectiveFrom,
      title: m.title,
      source: m.source,
      jurisdiction: m.jurisdiction,
      jurisdictionName: m.jurisdictionName,
      documents: modelRefs(m).modelDocuments,
      startScore: m.startScore,
      minScore: m.minScore,
      maxScore: m.maxScore,
      grades: m.grades,
      rules: m.rules.map((r) => ({
        id: r.id,
        documentVersion: r.documentVersion,
        jurisdiction: r.jurisdiction,
        eventType: r.eventType,
        title: r.title,
        points: r.points,
        source: r.source,
        dTrigger: r.dTrigger,
        decay: r.decay,
        repair: r.repair,
      })),
      measures: m.measures,
      watchedSubjects: [...m.watchedSubjects],
    }));
  }
}

/** 公示: the grade of filed institutions and a serious-breach listing in publication; no points, no entries, no personal data. */
export class PublicCredit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: CreditModelStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The grade of an institution without a standing yet, under the model of its division today. */
  private startGradeIn(models: CreditModels, divisionCode: string): { grade: CreditGrade; version: string } {
    const model = models.judging(divisionCode, shanghaiToday(this.now()));
    return { grade: startGrade(model), version: model.version };
  }

  async get(id: string): Promise<PublicCreditView> {
    const page = await this.register({ ids: [id] });
    if (!page.items[0]) throw new DomainError('INSTITUTION_NOT_FOUND', '公示名录中没有该机构');
    return page.items[0];
  }

  list(request: PublicCreditListRequest): Promise<{ items: PublicCreditView[]; total: number; page: number; pageSize: number }> {
    return this.register({
      ids: request.institutionIds ?? null,
      divisionCode: request.divisionCode,
      grade: request.grade,
      page: request.page ?? 1,
      pageSize: request.pageSize ?? 20,
    });
  }

  private async register(filter: { ids?: string[] | null; divisionCode?: string; grade?: CreditGrade; page?: number; pageSize?: number }) {
    const page = filter.page ?? 1;
    const pageSize = filter.pageSize ?? 1;
    // The start grade counted for institutions without a standing when filtering by grade: that of
    // the division asked for (every model shipped starts at the same grade).
    const models = await this.models.current(this.dataSource);
    const start = this.startGradeIn(models, filter.divisionCode ?? '');
    const { rows, total } = await new CreditReadRepository(this.dataSource).publicRegister(
      {
        ids: filter.ids ?? null,
        divisionPrefix: filter.divisionCode ? divisionPrefix(filter.divisionCode) : null,
        grade: filter.grade ?? null,
        startGrade: start.grade,
      },
      page,
      pageSize,
    );
    const today = shanghaiToday(this.now());
    const published = new Map<string, ListingRow>();
    for (const l of await new ListingRepository(this.dataSource).inPublication(
      rows.map((r) => r.id),
      today,
    ))
      if (!published.has(l.institution_id)) published.set(l.institution_id, l);
    const items: PublicCreditView[] = rows.map((r) => {
      const model = models.judging(r.divisionCode, today);
      const unrated = this.startGradeIn(models, r.divisionCode);
      const grade = r.grade ?? unrated.grade;
      const listing = published.get(r.id);
      return {
        institutionId: r.id,
        institutionName: r.name,
        divisionCode: r.divisionCode,
        grade,
        gradeLabel: gradeLabel(model, grade),
        since: r.since,
        modelVersion: r.modelVersion ?? unrated.version,
        seriousBreach: listing
          ? {
              decisionNo: listing.decision_no!,
              facts: listing.facts,
              basis: listing.basis,
              from: listing.published_from!,
              repairableFrom: listing.repairable_from!,
              until: listing.published_until!,
            }
          : null,
      };
    });
    return { items, total, page, pageSize };
  }
}
