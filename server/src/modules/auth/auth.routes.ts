import type { FastifyInstance } from 'fastify';
import {
  changePasswordBodySchema,
  loginBodySchema,
  logoutOthersResponseSchema,
  mfaEnrolmentConfirmResponseSchema,
  mfaEnrolmentSchema,
  mfaVerifyBodySchema,
  passwordPolicyViewSchema,
  sessionViewSchema,
} from '../../../../contracts/auth.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { errors } from '../../app/errors.ts';
import type { AuthService } from './auth.service.ts';
import { createCredentialsService } from './credentials.service.ts';
import { clearSessionCookie, setSessionCookie } from './session.plugin.ts';

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps, auth: AuthService): void {
  const credentials = createCredentialsService(deps, auth);
  const tags = ['auth'];

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/login',
    access: 'public',
    summary: 'Sign in with username and password',
    tags,
    body: loginBodySchema,
    responses: { 200: sessionViewSchema },
    rateLimitPerMinute: deps.config.loginRateLimitPerMinute,
    handler: async ({ body, origin, reply }) => {
      const { token, view } = await auth.login(body.username, body.password, origin);
      setSessionCookie(deps, reply, token, new Date(view.expiresAt));
      return view;
    },
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/auth/session',
    access: 'session',
    summary: 'The current session and its sign-in stage',
    tags,
    responses: { 200: sessionViewSchema },
    handler: async ({ actor }) => auth.currentView(actor!),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/auth/password-policy',
    access: 'session',
    summary: 'The password policy in force',
    tags,
    responses: { 200: passwordPolicyViewSchema },
    handler: async () => {
      const s = await deps.settings.get();
      return { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses, historyCount: s.passwordHistory, maxAgeDays: s.passwordMaxAgeDays };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/mfa/verify',
    access: 'session',
    summary: 'Second factor: a TOTP code or a recovery code',
    tags,
    body: mfaVerifyBodySchema,
    responses: { 200: sessionViewSchema },
    rateLimitPerMinute: deps.config.loginRateLimitPerMinute,
    handler: async ({ actor, body, origin }) => auth.verifyMfa(actor!, body.code, origin),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/mfa/enrolment',
    access: 'session',
    summary: 'Start TOTP enrolment (QR code rendered on the server)',
    tags,
    responses: { 200: mfaEnrolmentSchema },
    handler: async ({ actor, origin }) => credentials.startEnrolment(actor!, origin),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/mfa/enrolment/confirm',
    access: 'session',
    summary: 'Confirm TOTP enrolment with a code; returns one-time recovery codes',
    tags,
    body: mfaVerifyBodySchema,
    responses: { 200: mfaEnrolmentConfirmResponseSchema },
    rateLimitPerMinute: deps.config.loginRateLimitPerMinute,
    handler: async ({ actor, body, origin }) => credentials.confirmEnrolment(actor!, body.code, origin),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/password',
    access: 'session',
    summary: 'Change own password (also the forced change at first sign-in)',
    tags,
    body: changePasswordBodySchema,
    responses: { 200: sessionViewSchema },
    rateLimitPerMinute: deps.config.loginRateLimitPerMinute,
    handler: async ({ actor, body, origin }) => {
      if (actor!.stage === 'mfa' || actor!.stage === 'mfa-enrol') throw errors.stepRequired(actor!.stage);
      return credentials.changePassword(actor!, body.currentPassword, body.newPassword, origin);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/logout',
    access: 'session',
    summary: 'End this session on the server',
    tags,
    handler: async ({ actor, origin, reply }) => {
      await auth.logout(actor!, origin);
      clearSessionCookie(deps, reply);
      reply.code(204);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/auth/logout-others',
    access: 'authenticated',
    summary: "End the user's other sessions",
    tags,
    responses: { 200: logoutOthersResponseSchema },
    handler: async ({ actor, origin }) => ({ ended: await auth.logoutOthers(actor!, origin) }),
  });
}
