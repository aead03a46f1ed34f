import type { ErrorCode } from '@shanyu/common';
import { AuditEntryList, AuditHistoryRequest, AuditVerificationView } from './audit.contracts.js';
import { defineEvent, defineRpc } from './contract.js';
import { PiiReencryptRequest, PiiReencryptView } from './pii.contracts.js';
import { Ping } from './ping.contracts.js';
import { IndicatorContribution, IndicatorsRequest } from './registry/indicator.contracts.js';
import {
  EffectiveRulesRequest,
  PublishRuleDocumentRequest,
  ResolvedRulesView,
  RuleDiffRequest,
  RuleDocumentList,
  RuleDocumentPublishedData,
  RuleDocumentsRequest,
  RuleDocumentView,
  RuleSetDiffView,
} from './rules/rules.contracts.js';

// The subjects several services answer alike, each under its own `<service>.` prefix: one
// definition here, spread into each service's catalog.

/** What a subject scoped to the caller's institutions and divisions refuses with, before its own codes (staff, subsidy). */
export const SCOPED_ERRORS = ['VALIDATION', 'NOT_OWN_INSTITUTION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'] as const satisfies readonly ErrorCode[];

/** `<service>.health.ping`. */
export function pingRpc<S extends string>(service: S) {
  return defineRpc({
    subject: `${service}.health.ping` as const,
    summary: 'Liveness: replies {service, time}',
    request: null,
    reply: Ping,
  });
}

/** `<service>.indicators.compute`: the service's share of GET /indicators, `summary` naming what it counts. */
export function indicatorsRpc<S extends string>(service: S, summary: string) {
  return defineRpc({
    subject: `${service}.indicators.compute` as const,
    summary,
    request: IndicatorsRequest,
    reply: IndicatorContribution,
    errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  });
}

/** `<service>.audit.history` and `<service>.audit.verify` of a service that keeps an audit log. */
export function auditRpcs<S extends string>(service: S) {
  return {
    auditHistory: defineRpc({
      subject: `${service}.audit.history` as const,
      summary: 'Audit entries of one entity (admin)',
      request: AuditHistoryRequest,
      reply: AuditEntryList,
      errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'],
    }),
    auditVerify: defineRpc({
      subject: `${service}.audit.verify` as const,
      summary: 'Recompute the audit hash chain (admin)',
      request: null,
      reply: AuditVerificationView,
      errors: ['DEPARTMENT_NOT_ALLOWED'],
    }),
  };
}

/** `<service>.admin.pii.reencrypt` of a service that stores personal data encrypted, `summary` naming what it re-encrypts. */
export function piiReencryptRpc<S extends string>(service: S, summary: string) {
  return defineRpc({
    subject: `${service}.admin.pii.reencrypt` as const,
    summary,
    request: PiiReencryptRequest,
    reply: PiiReencryptView,
    errors: ['VALIDATION', 'DEPARTMENT_NOT_ALLOWED'],
  });
}

/** `<service>.rules.effective|diff|documents` of a service that keeps rule documents (分级规则) of some family. */
export function rulesRpcs<S extends string>(service: S) {
  return {
    rulesEffective: defineRpc({
      subject: `${service}.rules.effective` as const,
      summary: 'The effective rules of a family for a division on a date, each with the document it came from and what it replaced',
      request: EffectiveRulesRequest,
      reply: ResolvedRulesView,
      errors: ['VALIDATION'],
    }),
    rulesDiff: defineRpc({
      subject: `${service}.rules.diff` as const,
      summary: 'Two effective rule sets of a family (two dates, two divisions) compared key by key',
      request: RuleDiffRequest,
      reply: RuleSetDiffView,
      errors: ['VALIDATION'],
    }),
    rulesDocuments: defineRpc({
      subject: `${service}.rules.documents` as const,
      summary: 'Every version of the rule documents of a family, optionally of one jurisdiction',
      request: RuleDocumentsRequest,
      reply: RuleDocumentList,
      errors: ['VALIDATION'],
    }),
  };
}

/**
 * `<service>.rules.publish` of a service whose rule families are published through the API as
 * rule documents (分级规则): checked as the built-in documents are, refused outside the
 * publisher's divisions and department (assertMayPublishRules), never an existing version.
 */
export function rulesPublishRpc<S extends string>(service: S, summary: string) {
  return defineRpc({
    subject: `${service}.rules.publish` as const,
    summary,
    request: PublishRuleDocumentRequest,
    reply: RuleDocumentView,
    errors: ['VALIDATION', 'RULE_DOCUMENT_INVALID', 'RULE_DOCUMENT_VERSION_EXISTS', 'DEPARTMENT_NOT_ALLOWED', 'DIVISION_OUT_OF_SCOPE'],
  });
}

/** `evt.<service>.rules.published.v1`: a rule document version published through `<service>.rules.publish` (one data shape for every family). */
export function rulesPublishedEvent<S extends string>(service: S) {
  return defineEvent({
    subject: `evt.${service}.rules.published` as const,
    version: 1,
    summary: `A new version of a rule document (分级规则文件) kept by ${service} was published: family, key, version, jurisdiction, effective dates and its rules' keys`,
    data: RuleDocumentPublishedData,
  });
}
