import type { Actor } from '@shanyu/common';
import {
  AddBanRequest, AddCredentialRequest, AddStaffRequest, CredentialAlertsRequest, DivisionStaffStatsRequest, EndStaffRequest, EnterRecordCheckRequest,
  ImportStaffRequest, InstitutionRef, ListBansRequest, ListStaffRequest, OverdueRechecksRequest, RecordRecheckRequest, RevealIdNumberRequest,
  StaffRef, StaffSubjects,
} from '@shanyu/contracts';
import { Caller, RequestId } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AddCredential } from './credentials/add-credential.use-case.js';
import { CredentialAlertsQuery } from './credentials/credential-alerts.query.js';
import { AddStaff } from './employments/add-staff.use-case.js';
import { EndStaff } from './employments/end-staff.use-case.js';
import { ImportStaff } from './employments/import-staff.use-case.js';
import { GetStaff, ListStaff, RevealIdNumber } from './employments/staff.queries.js';
import { DivisionStaffStatsQuery, InstitutionStaffStatsQuery, OverdueRechecksQuery } from './stats/staff-stats.js';
import { AddBan, ListBans } from './vetting/bans.use-cases.js';
import { EnterRecordCheck, RecordRecheck } from './vetting/record-checks.use-cases.js';

/** NATS subjects `staff.*`; bodies and replies are documented in @shanyu/contracts. */
@Controller()
export class StaffHandlers {
  constructor(
    private readonly addStaff: AddStaff,
    private readonly importStaff: ImportStaff,
    private readonly listStaff: ListStaff,
    private readonly getStaff: GetStaff,
    private readonly endStaff: EndStaff,
    private readonly revealIdNumber: RevealIdNumber,
    private readonly addCredential: AddCredential,
    private readonly credentialAlerts: CredentialAlertsQuery,
    private readonly recordRecheck: RecordRecheck,
    private readonly overdueRechecks: OverdueRechecksQuery,
    private readonly enterRecordCheck: EnterRecordCheck,
    private readonly addBan: AddBan,
    private readonly listBans: ListBans,
    private readonly institutionStats: InstitutionStaffStatsQuery,
    private readonly divisionStats: DivisionStaffStatsQuery,
  ) {}

  @MessagePattern(StaffSubjects.addStaff)
  add(@Payload() body: AddStaffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addStaff.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.importStaff)
  import(@Payload() body: ImportStaffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.importStaff.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.listStaff)
  list(@Payload() body: ListStaffRequest, @Caller() actor: Actor) {
    return this.listStaff.execute(body, actor);
  }

  @MessagePattern(StaffSubjects.getStaff)
  get(@Payload() body: StaffRef, @Caller() actor: Actor) {
    return this.getStaff.execute(body.id, actor);
  }

  @MessagePattern(StaffSubjects.endStaff)
  end(@Payload() body: EndStaffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.endStaff.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.revealIdNumber)
  reveal(@Payload() body: RevealIdNumberRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.revealIdNumber.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.addCredential)
  credential(@Payload() body: AddCredentialRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addCredential.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.credentialAlerts)
  alerts(@Payload() body: CredentialAlertsRequest, @Caller() actor: Actor) {
    return this.credentialAlerts.execute(body, actor);
  }

  @MessagePattern(StaffSubjects.recordRecheck)
  recheck(@Payload() body: RecordRecheckRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.recordRecheck.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.overdueRechecks)
  overdue(@Payload() body: OverdueRechecksRequest, @Caller() actor: Actor) {
    return this.overdueRechecks.execute(body, actor);
  }

  @MessagePattern(StaffSubjects.enterRecordCheck)
  recordCheck(@Payload() body: EnterRecordCheckRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.enterRecordCheck.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.addBan)
  ban(@Payload() body: AddBanRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addBan.execute(body, actor, requestId);
  }

  @MessagePattern(StaffSubjects.listBans)
  bans(@Payload() body: ListBansRequest, @Caller() actor: Actor) {
    return this.listBans.execute(body, actor);
  }

  @MessagePattern(StaffSubjects.institutionStats)
  stats(@Payload() body: InstitutionRef, @Caller() actor: Actor) {
    return this.institutionStats.execute(body.id, actor);
  }

  @MessagePattern(StaffSubjects.divisionStats)
  division(@Payload() body: DivisionStaffStatsRequest, @Caller() actor: Actor) {
    return this.divisionStats.execute(body, actor);
  }
}
