import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  evaluationResultSchema,
  ruleCodeParamSchema,
  warningActionSchema,
  warningDetailSchema,
  warningIdParamSchema,
  warningListQuerySchema,
  warningPageSchema,
  warningRollupSchema,
  warningRuleDryRunSchema,
  warningRuleUpdateSchema,
  warningRuleVersionViewSchema,
  warningRuleViewSchema,
  warningViewSchema,
} from '../../../../contracts/warnings.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { auditActorOf } from '../audit/index.ts';
import { registerWarningAttachments } from './warning-attachments.ts';
import { evaluateWarnings } from './warning-evaluation.service.ts';
import { createWarningRuleService } from './warning-rule.service.ts';
import { createWarningService } from './warning.service.ts';

/** Warnings and their rules (issue 11 §1). Row scope: warning.policy.ts; rules are the commission's. */
export function registerWarningRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerWarningAttachments();
  const warnings = createWarningService(deps);
  const rules = createWarningRuleService(deps);
  const tags = ['warnings'];
  defineRoute(app, deps, {
    method: 'GET', url: '/api/warnings', access: 'warning.read', tags,
    summary: 'Warnings in the caller’s scope, worst colour first, with filters and pagination',
    query: warningListQuerySchema, responses: { 200: warningPageSchema },
    handler: ({ actor, query }) => warnings.list(actor!, query),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/warnings/rollup', access: 'warning.read', tags,
    summary: 'Live warnings counted (number and worst colour) per goal, zone, domain and chain node, in scope',
    responses: { 200: warningRollupSchema },
    handler: ({ actor }) => warnings.rollup(actor!),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/warnings/:id', access: 'warning.read', tags,
    summary: 'One warning with its lifecycle events',
    params: warningIdParamSchema, responses: { 200: warningDetailSchema },
    handler: ({ actor, params }) => warnings.get(actor!, params.id),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/warnings/:id/actions', access: 'warning.handle', tags,
    summary: 'A lifecycle step: acknowledge, handle, note, resolve or dismiss (the last three with a text)',
    params: warningIdParamSchema, body: warningActionSchema, responses: { 200: warningViewSchema },
    handler: ({ actor, origin, params, body }) => warnings.act(actor!, origin, params.id, body),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/warnings/evaluate', access: 'warning.rules.manage', tags,
    summary: 'Evaluate every enabled rule now (as the nightly job does)',
    responses: { 200: evaluationResultSchema },
    rateLimitPerMinute: 6,
    handler: ({ actor }) => evaluateWarnings(deps, {}, auditActorOf(actor)),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/warning-rules', access: 'warning.rules.read', tags,
    summary: 'The warning rules with their parameters and live warning counts',
    responses: { 200: z.array(warningRuleViewSchema) },
    handler: () => rules.list(),
  });
  defineRoute(app, deps, {
    method: 'GET', url: '/api/warning-rules/:code/versions', access: 'warning.rules.read', tags,
    summary: 'Every version of a rule’s settings, newest first',
    params: ruleCodeParamSchema, responses: { 200: z.array(warningRuleVersionViewSchema) },
    handler: ({ params }) => rules.versions(params.code),
  });
  defineRoute(app, deps, {
    method: 'POST', url: '/api/warning-rules/:code/dry-run', access: 'warning.rules.manage', tags,
    summary: 'How many warnings a change of a rule would open and close, without saving it',
    params: ruleCodeParamSchema, body: warningRuleUpdateSchema.pick({ params: true, enabled: true }).strict(), responses: { 200: warningRuleDryRunSchema },
    handler: ({ params, body }) => rules.dryRun(params.code, body),
  });
  defineRoute(app, deps, {
    method: 'PUT', url: '/api/warning-rules/:code', access: 'warning.rules.manage', tags,
    summary: 'Change a rule (parameters, level, on/off, time limit): a new version, audited, evaluated at once',
    params: ruleCodeParamSchema, body: warningRuleUpdateSchema, responses: { 200: warningRuleViewSchema },
    handler: ({ actor, origin, params, body }) => rules.update(actor!, origin, params.code, body),
  });
}
