import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { entitlementsBySystem } from '../../domain/access';
import { CONTRIBUTOR_ID_PATTERN } from '../../domain/contributor-id';
import { levelIndex } from '../../domain/ladder';
import { textsIn } from '../../platform/i18n';
import { readAudit } from '../../store/audit';
import { sponsoredBy } from '../../store/sponsorships';
import { callerOf } from '../auth';
import { browserLanguage } from '../pages/page';
import { ContributorParams, nameField, STEP_ID, StringEnum, SYSTEM, textField } from '../schemas';
import { reviewerOf } from '../../store/reviewers';
import { accessShouldAndIs, nameIdentities } from '../use-cases/access';
import { nameReviewer, reviewersOnLadder } from '../use-cases/reviewers';
import { typed } from '../typed';
import { nameSponsor, proposeNextLevel, recordStep } from '../use-cases/promotions';
import { leave, review } from '../use-cases/standing';
import { dossierOf } from './dossier';
import { sendConsole } from './page';
import { consolePage, consoleSchema, CSRF_FIELD } from './route-config';

const TIMELINE = 100;
const Reason = textField(2000, 'Why, for the audit trail', true);
const Note = Type.Optional(textField(2000, 'Why, for the audit trail'));

/** Back to the contributor's page, saying what was just done. */
const back = (reply: FastifyReply, id: string, done: string) =>
  reply.redirect(`/console/contributors/${id}?done=${done}`, 303);

/**
 * A contributor's page: status, the open steps with what the team leader can
 * do on each, the timeline from the audit trail, the access their level
 * carries and where it stands, and whom they sponsored. Each form posts to a
 * route that calls the same use case as the API.
 */
export async function contributorPages(instance: FastifyInstance): Promise<void> {
  const app = typed(instance);
  const { pool } = app;
  const asLeader = consolePage(['team-leader'], 'contributor');

  app.get(
    '/console/contributors/:id',
    {
      config: consolePage(['team-leader', 'admin'], 'contributor'),
      schema: consoleSchema("A contributor's page", {
        params: ContributorParams,
        querystring: Type.Object(
          {
            done: Type.Optional(
              StringEnum(['check', 'proposed', 'sponsor', 'leave', 'review', 'identity', 'reviewer']),
            ),
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const { id } = request.params;
      const [dossier, timeline, sponsored, reviewer] = await Promise.all([
        dossierOf(app, id),
        readAudit(pool, { contributor: id }, TIMELINE),
        sponsoredBy(pool, id),
        reviewerOf(pool, id),
      ]);
      const view = dossier.view;
      const ladder = app.ladders.get(view.ladderId);
      const promoting = view.promotion?.state === 'open';
      return sendConsole(reply, 200, 'contributor', {
        title: dossier.name,
        dossier,
        timeline,
        sponsored: sponsored.map((s) => s.contributorId),
        reviewer,
        reviewers: await reviewersOnLadder(app, view.ladderId),
        done: request.query.done ? t(`console.contributor.done.${request.query.done}`) : undefined,
        canAct: callerOf(request).role === 'team-leader' && view.state !== 'left',
        openSteps: promoting ? view.steps.filter((s) => s.status === 'open') : [],
        systems: [...entitlementsBySystem(ladder ? [ladder] : []).keys()],
        // Someone at the top, or still onboarding, has no next level to be proposed for.
        canPropose:
          !promoting &&
          view.level !== null &&
          ladder !== undefined &&
          levelIndex(ladder, view.level) < ladder.levels.length - 1,
      });
    },
  );

  app.get(
    '/console/contributors/:id/access',
    {
      config: consolePage(['team-leader', 'admin', 'auditor'], 'contributor'),
      schema: consoleSchema('Access as it should be and as the systems hold it', { params: ContributorParams }),
    },
    async (request, reply) => {
      const t = textsIn(browserLanguage(reply));
      const [dossier, access] = await Promise.all([
        dossierOf(app, request.params.id),
        accessShouldAndIs(app, request.params.id),
      ]);
      return sendConsole(reply, 200, 'access', {
        title: t('console.accessPage.title', { name: dossier.name }),
        contributorId: request.params.id,
        rows: access.access,
      });
    },
  );

  app.post(
    '/console/contributors/:id/reviewer',
    {
      config: asLeader,
      schema: consoleSchema("Name a candidate's reviewer", {
        params: ContributorParams,
        body: Type.Object(
          { reviewer: Type.String({ pattern: '^[a-f0-9]{16}$' }), ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      await nameReviewer(app, callerOf(request), request.params.id, request.body.reviewer);
      return back(reply, request.params.id, 'reviewer');
    },
  );

  app.post(
    '/console/contributors/:id/identities',
    {
      config: asLeader,
      schema: consoleSchema('Name who the contributor is on a system', {
        params: ContributorParams,
        body: Type.Object(
          {
            system: Type.String({ pattern: SYSTEM }),
            identity: { ...nameField(200), pattern: '^\\S(.*\\S)?$' },
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const { system, identity } = request.body;
      await nameIdentities(app, callerOf(request), request.params.id, { [system]: identity.trim() });
      return back(reply, request.params.id, 'identity');
    },
  );

  app.post(
    '/console/contributors/:id/checks',
    {
      config: asLeader,
      schema: consoleSchema('Record a check or a challenge result', {
        params: ContributorParams,
        body: Type.Object(
          {
            check: Type.Optional(Type.String({ pattern: STEP_ID })),
            challenge: Type.Optional(Type.String({ pattern: STEP_ID })),
            result: Type.Optional(StringEnum(['passed', 'failed'])),
            note: Note,
            ...CSRF_FIELD,
          },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      const { check, challenge, result, note } = request.body;
      await recordStep(app, callerOf(request), request.params.id, {
        check,
        challenge,
        result,
        note: note || undefined,
      });
      return back(reply, request.params.id, 'check');
    },
  );

  app.post(
    '/console/contributors/:id/promotions',
    {
      config: asLeader,
      schema: consoleSchema('Propose the next level', {
        params: ContributorParams,
        body: Type.Object({ note: Note, ...CSRF_FIELD }, { additionalProperties: false }),
      }),
    },
    async (request, reply) => {
      await proposeNextLevel(app, callerOf(request), request.params.id, request.body.note || undefined);
      return back(reply, request.params.id, 'proposed');
    },
  );

  app.post(
    '/console/contributors/:id/sponsors',
    {
      config: asLeader,
      schema: consoleSchema('Name a sponsor', {
        params: ContributorParams,
        body: Type.Object(
          { sponsor: Type.String({ pattern: CONTRIBUTOR_ID_PATTERN }), ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      await nameSponsor(app, callerOf(request), request.params.id, request.body.sponsor);
      return back(reply, request.params.id, 'sponsor');
    },
  );

  app.post(
    '/console/contributors/:id/revocations',
    {
      config: asLeader,
      schema: consoleSchema('Withdraw, demote, step down or revoke', {
        params: ContributorParams,
        body: Type.Object(
          { kind: StringEnum(['withdraw', 'demote', 'step-down', 'revoke']), reason: Reason, ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      await leave(app, callerOf(request), request.params.id, request.body.kind, request.body.reason.trim());
      return back(reply, request.params.id, 'leave');
    },
  );

  app.post(
    '/console/contributors/:id/reviews',
    {
      config: asLeader,
      schema: consoleSchema('Record a review', {
        params: ContributorParams,
        body: Type.Object(
          { decision: StringEnum(['keep', 'demote', 'revoke']), reason: Reason, ...CSRF_FIELD },
          { additionalProperties: false },
        ),
      }),
    },
    async (request, reply) => {
      await review(app, callerOf(request), request.params.id, request.body.decision, request.body.reason.trim());
      return back(reply, request.params.id, 'review');
    },
  );
}
