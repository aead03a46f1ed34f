import { type Actor, DomainError, shanghaiToday } from '@shanyu/common';
import { CREDIT_GRADE_LABELS, type DemonstrationRequest, type InstitutionView, RegistryEvt } from '@shanyu/contracts';
import type { UnitOfWork } from '@shanyu/messaging';
import type { InstitutionAccessPolicy } from '../institutions/institution-access.policy.js';
import { institutionNotFound } from '../institutions/institution-errors.js';
import { InstitutionRepository } from '../institutions/institution.repository.js';

/**
 * 示范 designation for a year (e.g. 25 a year in Hangzhou, 《杭州市示范性婴幼儿照护服务机构奖补实施方案
 * （2021—2023年）》), recording the places at that time because the award tier (50,000–150,000 yuan)
 * depends on them. Once per year. Only for 信用 A or B (守信联合激励, 失信联合惩戒: bad credit costs
 * an institution its awards, so a C or D institution cannot be a model for others): the grade is the registry's copy of the
 * credit service's evt.credit.grade.changed.v1 (public/credit-grade.follower.ts); none yet counts
 * as B, the credit model's start grade.
 */
export class DesignateDemonstration {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: InstitutionAccessPolicy,
  ) {}

  async execute(request: DemonstrationRequest, actor: Actor, requestId?: string): Promise<InstitutionView> {
    return this.unitOfWork.run(async (tx) => {
      const institutions = new InstitutionRepository(tx.manager);
      const institution = await institutions.byIdForUpdate(request.institutionId);
      if (!institution) throw institutionNotFound(request.institutionId);
      this.policy.assertHealthBureau(actor, institution, '示范评定');
      if (institution.status !== 'filed') throw new DomainError('INSTITUTION_NOT_FILED', '只有已备案的机构可以评为示范');
      const existing = institution.demonstrations.find((d) => d.year === request.year);
      if (existing) return institution.toView();
      const grade = institution.creditGrade;
      if (grade === 'C' || grade === 'D') {
        throw new DomainError(
          'DEMONSTRATION_GRADE_TOO_LOW',
          `机构信用等级为 ${grade} 级（${CREDIT_GRADE_LABELS[grade]}），示范评定须为 A 或 B 级（守信联合激励、失信联合惩戒：《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》国发〔2016〕33号；本平台口径）`,
        );
      }
      const record = { year: request.year, places: institution.totalPlaces, designatedOn: shanghaiToday(), decisionNo: request.decisionNo ?? null };
      institution.demonstrations = [...institution.demonstrations, record].sort((a, b) => a.year - b.year);
      await institutions.save(institution);
      const view = institution.toView();
      await tx.publish(RegistryEvt.demonstrationDesignated, { actor, entityId: institution.id, data: { institution: view, designation: record } });
      await tx.audit({ actor, action: 'demonstration.designate', entity: 'institution', entityId: institution.id, after: record, requestId });
      return view;
    });
  }
}
