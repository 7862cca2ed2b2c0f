import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { entityId, readerRoles } from '@hall/contracts';
import type { AppDeps } from '../app-deps.ts';
import { withEtag } from '../http/etag.ts';

const hallParams = z.object({ hallId: entityId });
const readers = [...readerRoles, 'inspector'] as const;

const staffList = z.object({
  staff: z.array(z.object({ staffId: z.string(), name: z.string(), departmentId: z.string(), departmentName: z.string().nullable() })),
});
const departmentList = z.object({ departments: z.array(z.object({ departmentId: z.string(), name: z.string() })) });
const serviceItemList = z.object({
  serviceItems: z.array(z.object({ serviceItemId: z.string(), name: z.string(), departmentId: z.string(), committedWorkingDays: z.number().int() })),
});

/**
 * The hall's staff, departments and service items by name (issue 16): the
 * staff ranking board and the console show people and items by name, and
 * offer them in pickers. Windows are listed by the board routes.
 */
export const organisationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const a = deps.assessment;
  const db = deps.store.db;

  app.get(
    '/v1/halls/:hallId/staff',
    { config: { access: readers }, schema: { operationId: 'listStaff', summary: 'List the staff (窗口工作人员)', tags: ['board'], description: 'Every staff member (窗口工作人员) of the hall with name and department (派驻单位), in registration order.', params: hallParams, response: { 200: staffList } } },
    async (request, reply) => {
      const { hallId } = request.params;
      const hall = await a.requireHallFresh(hallId);
      const rows = await db
        .selectFrom('staff')
        .leftJoin('departments', (join) => join.onRef('departments.hall_id', '=', 'staff.hall_id').onRef('departments.department_id', '=', 'staff.department_id'))
        .select(['staff.staff_id as staffId', 'staff.name', 'staff.department_id as departmentId', 'departments.name as departmentName'])
        .where('staff.hall_id', '=', hallId)
        .orderBy('staff.position')
        .execute();
      return withEtag(request, reply, hall.headPosition, { staff: rows.map((r) => ({ ...r, departmentName: r.departmentName ?? null })) });
    },
  );

  app.get(
    '/v1/halls/:hallId/departments',
    { config: { access: readers }, schema: { operationId: 'listDepartments', summary: 'List the departments (派驻单位)', tags: ['board'], description: 'Every department (派驻单位 / 部门) of the hall, in registration order.', params: hallParams, response: { 200: departmentList } } },
    async (request, reply) => {
      const { hallId } = request.params;
      const hall = await a.requireHallFresh(hallId);
      const rows = await db.selectFrom('departments').select(['department_id as departmentId', 'name']).where('hall_id', '=', hallId).orderBy('position').execute();
      return withEtag(request, reply, hall.headPosition, { departments: rows });
    },
  );

  app.get(
    '/v1/halls/:hallId/service-items',
    { config: { access: readers }, schema: { operationId: 'listServiceItems', summary: 'List the service items (事项)', tags: ['board'], description: 'Every service item (事项) of the hall with its committed working days (承诺时限), in registration order.', params: hallParams, response: { 200: serviceItemList } } },
    async (request, reply) => {
      const { hallId } = request.params;
      const hall = await a.requireHallFresh(hallId);
      const rows = await db
        .selectFrom('service_items')
        .select(['service_item_id as serviceItemId', 'name', 'department_id as departmentId', 'committed_working_days as committedWorkingDays'])
        .where('hall_id', '=', hallId)
        .orderBy('position')
        .execute();
      return withEtag(request, reply, hall.headPosition, { serviceItems: rows });
    },
  );
};
