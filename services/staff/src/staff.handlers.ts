import type { Actor } from '@shanyu/common';
import {
  AddBanRequest,
  AddCredentialRequest,
  AddStaffRequest,
  CredentialAlertsRequest,
  DivisionStaffStatsRequest,
  EndStaffRequest,
  EnterRecordCheckRequest,
  ImportStaffRequest,
  InstitutionRef,
  ListBansRequest,
  ListStaffRequest,
  OverdueRechecksRequest,
  RecordRecheckRequest,
  RevealIdNumberRequest,
  StaffRef,
  StaffRpc,
} from '@shanyu/contracts';
import { Caller, RequestId, Handles } from '@shanyu/messaging';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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

  @Handles(StaffRpc.addStaff)
  add(@Payload() body: AddStaffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addStaff.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.importStaff)
  import(@Payload() body: ImportStaffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.importStaff.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.listStaff)
  list(@Payload() body: ListStaffRequest, @Caller() actor: Actor) {
    return this.listStaff.execute(body, actor);
  }

  @Handles(StaffRpc.getStaff)
  get(@Payload() body: StaffRef, @Caller() actor: Actor) {
    return this.getStaff.execute(body.id, actor);
  }

  @Handles(StaffRpc.endStaff)
  end(@Payload() body: EndStaffRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.endStaff.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.revealIdNumber)
  reveal(@Payload() body: RevealIdNumberRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.revealIdNumber.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.addCredential)
  credential(@Payload() body: AddCredentialRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addCredential.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.credentialAlerts)
  alerts(@Payload() body: CredentialAlertsRequest, @Caller() actor: Actor) {
    return this.credentialAlerts.execute(body, actor);
  }

  @Handles(StaffRpc.recordRecheck)
  recheck(@Payload() body: RecordRecheckRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.recordRecheck.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.overdueRechecks)
  overdue(@Payload() body: OverdueRechecksRequest, @Caller() actor: Actor) {
    return this.overdueRechecks.execute(body, actor);
  }

  @Handles(StaffRpc.enterRecordCheck)
  recordCheck(@Payload() body: EnterRecordCheckRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.enterRecordCheck.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.addBan)
  ban(@Payload() body: AddBanRequest, @Caller() actor: Actor, @RequestId() requestId?: string) {
    return this.addBan.execute(body, actor, requestId);
  }

  @Handles(StaffRpc.listBans)
  bans(@Payload() body: ListBansRequest, @Caller() actor: Actor) {
    return this.listBans.execute(body, actor);
  }

  @Handles(StaffRpc.institutionStats)
  stats(@Payload() body: InstitutionRef, @Caller() actor: Actor) {
    return this.institutionStats.execute(body.id, actor);
  }

  @Handles(StaffRpc.divisionStats)
  division(@Payload() body: DivisionStaffStatsRequest, @Caller() actor: Actor) {
    return this.divisionStats.execute(body, actor);
  }
}
