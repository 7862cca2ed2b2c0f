import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, entityId, role, sectionName } from '@hall/contracts';
import { createClient, revokeClient } from '@hall/event-store';
import { staffExists, windowExists } from '@hall/assessment';
import type { AppDeps } from '../app-deps.ts';
import { hallParams } from './halls.ts';

const createClientBody = z
  .strictObject({
    name: z.string().min(1).max(200),
    role,
    windowId: entityId.optional(),
    section: sectionName.optional(),
    /** Role staff: the person whose own month, quarter and year the token reads (decision 1601). */
    staffId: entityId.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.role === 'kiosk' || body.role === 'window_head') && !body.windowId) {
      ctx.addIssue({ code: 'custom', path: ['windowId'], message: `required for role ${body.role}` });
    }
    if (body.role === 'section' && !body.section) {
      ctx.addIssue({ code: 'custom', path: ['section'], message: 'required for role section' });
    }
    if (body.role !== 'section' && body.section) {
      ctx.addIssue({ code: 'custom', path: ['section'], message: 'only for role section' });
    }
    if (body.role === 'staff' && !body.staffId) {
      ctx.addIssue({ code: 'custom', path: ['staffId'], message: `required for role ${body.role}` });
    }
    if (body.role !== 'staff' && body.staffId) {
      ctx.addIssue({ code: 'custom', path: ['staffId'], message: 'only for role staff' });
    }
  });

export const clientRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/halls/:hallId/clients',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'createClient',
        summary: 'Issue a client token',
        tags: ['access'],
        'x-problems': ['UNKNOWN_REFERENCE', 'CLIENT_NAME_TAKEN'],
        description:
          "Issues a token bound to this hall and one role (operator or supervisor): `queue` for the queue-number system (排队叫号), `kiosk` for a window's rating kiosk (评价器), `inspector` (督查), `section` (督查科, 协调管理科, 信息技术科, 办公室), `window_head` (窗口负责人), `dashboard`, `auditor`, `supervisor`, `staff` (工作人员, bound to one `staffId`: reads only that person's month, quarter and year). The token is shown once and stored hashed. A name is held by one active client of the hall at a time (409 `CLIENT_NAME_TAKEN` naming /name); revoking a client frees its name.",
        params: hallParams,
        body: createClientBody,
        response: {
          201: z.object({
            clientId: z.string(),
            token: z.string(),
            name: z.string(),
            role,
            windowId: z.string().nullable(),
            section: sectionName.nullable(),
            staffId: z.string().nullable().optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      const { hallId } = request.params;
      await deps.assessment.requireHall(hallId);
      // A token bound to a window the hall never opened would be bound to nothing and fail only later
      // (decision 1101, replacing 0002's "not yet open"); a closed window is still a window.
      const body = request.body;
      if (body.windowId !== undefined && !(await windowExists(deps.store.db, hallId, body.windowId))) {
        throw new DomainError('UNKNOWN_REFERENCE', `Unknown window ${body.windowId}: post its WindowOpened first`, [
          { path: '/windowId', message: `unknown window "${body.windowId}"` },
        ]);
      }
      // The same check for a person (decision 1601): a staff token bound to a typo would read nothing.
      if (body.staffId !== undefined && !(await staffExists(deps.store.db, hallId, body.staffId))) {
        throw new DomainError('UNKNOWN_REFERENCE', `Unknown staff ${body.staffId}: post its StaffRegistered first`, [
          { path: '/staffId', message: `unknown staff "${body.staffId}"` },
        ]);
      }
      const created = await createClient(deps.store.db, {
        hallId,
        name: body.name,
        role: body.role,
        windowId: body.windowId,
        section: body.section,
        staffId: body.staffId,
      });
      // The database decides (partial unique index, decision 1801): of concurrent creations one wins.
      if (!created.ok) {
        throw new DomainError('CLIENT_NAME_TAKEN', `Another active client of hall ${hallId} is named ${body.name}`, [
          { path: '/name', message: 'already exists' },
        ]);
      }
      return reply.status(201).send({
        clientId: created.clientId,
        token: created.token,
        name: body.name,
        role: body.role,
        windowId: body.windowId ?? null,
        section: body.section ?? null,
        staffId: body.staffId ?? null,
      });
    },
  );

  app.delete(
    '/v1/halls/:hallId/clients/:clientId',
    {
      config: { access: ['supervisor'] },
      schema: {
        operationId: 'revokeClient',
        summary: 'Revoke a client token',
        tags: ['access'],
        description: 'Revokes a client token at once: its next request is 401.',
        params: hallParams.extend({ clientId: z.string().min(1).max(200) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { hallId, clientId } = request.params;
      await deps.assessment.requireHall(hallId);
      const revoked = await revokeClient(deps.store.db, hallId, clientId);
      if (!revoked) throw new DomainError('NOT_FOUND', `Unknown client ${clientId}`);
      app.clearAuthCache();
      return reply.status(204).send(null);
    },
  );
};
