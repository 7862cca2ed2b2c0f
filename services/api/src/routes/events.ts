import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendRequest, appendResponse, DomainError, type IncomingEvent, type Role } from '@hall/contracts';
import { callerOf } from '../plugins/access.ts';
import { appendRequestExamples } from '../openapi/append-request-examples.ts';

/** Who may post at all; which of them may post which event type is checked per event (check-batch.ts). */
const POSTING_ROLES: readonly Role[] = ['supervisor', 'section', 'queue', 'kiosk', 'inspector', 'window_head'];
import type { AppDeps } from '../app-deps.ts';
import { appendClientEvents, badRatingCaseWindows, leaveWindows } from '@hall/assessment';
import { valueOrProblem } from '../http/outcome.ts';
import { hallParams } from './halls.ts';
import { checkBatch, isBadRatingCaseEvent } from '../events/check-batch.ts';
import { byEvent, validateBatch } from '../events/validate-batch.ts';
import { appendResponseJson, type AppendResponseBody } from '../events/append-response-json.ts';
import { readEventsById, unknownReferences } from '@hall/event-store';

export const eventRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/v1/halls/:hallId/events',
    {
      config: { access: POSTING_ROLES },
      schema: {
        operationId: 'appendEvents',
        summary: 'Append events (上报事件)',
        tags: ['events'],
        description:
          'Appends 1–1000 events atomically and idempotently (docs/integration.md "Appending events"): organisation, queue tickets (排队叫号), cases (办件), good-bad ratings (好差评), inspections (督查), complaints (投诉), attendance (考勤), leave and substitutes (请假 / 替岗), peer reviews (民主评议), commendations (锦旗 / 感谢信), adjustments and voids. One bad event rejects the batch with 422 naming every bad field; nothing is stored. An id already stored with the same content is a `duplicate`; with other content it is 409. The examples show one event of each type.',
        'x-problems': ['EVENT_ID_CONFLICT', 'UNKNOWN_REFERENCE'],
        params: hallParams,
        body: appendRequest.meta({ 'x-examples': appendRequestExamples() }),
        response: { 200: appendResponse },
      },
      attachValidation: true,
      // The answer is written field by field (decision 1894): the default would parse every result with zod again.
      serializerCompiler: () => (data) => appendResponseJson(data as AppendResponseBody),
    },
    async (request) => {
      const { hallId } = request.params;
      const principal = callerOf(request);
      const hall = await deps.assessment.requireHall(hallId);
      // Each event is checked on its own (attachValidation): one 422 names the schema errors of some
      // events with the date, rule and reference errors of the others.
      const checked = request.validationError ? validateBatch(request.body) : { events: request.body.events as IncomingEvent[], errors: [] };
      if (checked === undefined) throw request.validationError;
      const { events } = checked;
      // A void must name an event already stored: asked of the store (the state in memory holds only what open months need).
      const voidTargets = events.flatMap((e) => (e?.type === 'EventVoided' && typeof e.data.voidedEventId === 'string' ? [e.data.voidedEventId] : []));
      // Each lookup only when the batch has something to look up: most batches have none, and an await each is not free.
      const stored = new Set(voidTargets.length > 0 ? (await readEventsById(deps.store.db, hallId, voidTargets)).map((e) => e.id) : []);
      // A bad-rating case event must name a case already opened: asked of the case table (decision 1431), once the
      // projection has reached the head as of now (bounded, like a read), so a 差评 just posted has its case.
      const caseIds = events.flatMap((e) => (e !== undefined && isBadRatingCaseEvent(e.type) && typeof e.data.badRatingCaseId === 'string' ? [e.data.badRatingCaseId] : []));
      const caseWindows = caseIds.length > 0 ? await badRatingCaseWindows(deps.assessment, hallId, caseIds) : new Map<string, string>();
      // A window head's leave rejection or substitution is checked against the leave's approvals, read from the store.
      const headsLeaves = principal.kind === 'client' && principal.role === 'window_head'
        ? events.flatMap((e) => (e?.type === 'LeaveRejected' || e?.type === 'SubstituteAssigned' ? [e.data.leaveId as string] : []))
        : [];
      const approvals = headsLeaves.length > 0 ? await leaveWindows(deps.store.db, hallId, headsLeaves) : new Map<string, Set<string>>();
      const errors = [
        ...checked.errors,
        ...checkBatch({
          principal,
          events,
          now: deps.clock(),
          timezone: hall.timezone,
          catalogues: await deps.assessment.catalogues(hallId),
          knownEvent: (id) => stored.has(id),
          badRatingCaseWindow: (caseId) => caseWindows.get(caseId),
          leaveWindows: (leaveId) => approvals.get(leaveId),
        }),
      ];
      if (errors.length > 0) {
        // Already rejected: name its unknown references too (the append would check them only after these).
        const valid = events.flatMap((e, index) => (e ? [{ index, type: e.type, data: e.data }] : []));
        errors.push(...(await unknownReferences(deps.store.db, hallId, valid)));
        throw new DomainError('VALIDATION_FAILED', `${errors.length} problem(s) in the batch; nothing was stored`, byEvent(errors));
      }
      const results = valueOrProblem(await appendClientEvents(deps.assessment, hallId, principal.clientId, events as IncomingEvent[]));
      return { results };
    },
  );
};
