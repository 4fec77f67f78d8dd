// Staff: who am I, roles, staff accounts.
import { command, type RoutesPlugin } from '@zulin/platform';
import * as S from '../api-schemas';
import { createStaff } from '../create-staff';
import { permissions, permissionsOf, roleDescriptions, roles } from '../permissions';
import { staffOf } from '../principal';
import { getStaff, listStaff } from '../staff';
import { updateStaff } from '../update-staff';

const tagsStaff = ['staff'];
const tagsAdmin = ['admin: identity'];

export const staffRoutes: RoutesPlugin = async (app, { ctx }) => {
  const { masterKey } = ctx.config;

  app.get(
    '/v1/staff/me',
    {
      config: { auth: 'staff' },
      schema: {
        tags: tagsStaff,
        summary: 'The signed-in staff member and their permissions',
        response: { 200: S.StaffMe },
      },
    },
    async (request) => {
      const me = staffOf(request);
      return { staff: await getStaff(ctx.database.db, me.staffId), permissions: [...me.permissions] };
    },
  );

  app.get(
    '/v1/admin/roles',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: { tags: tagsAdmin, summary: 'Roles and their permissions', response: { 200: S.RolesResponse } },
    },
    async () => ({
      data: roles.map((role) => ({ role, description: roleDescriptions[role], permissions: [...permissionsOf(role)] })),
      permissions: [...permissions],
    }),
  );

  app.get(
    '/v1/admin/staff',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: { tags: tagsAdmin, summary: 'List staff', querystring: S.StaffListQuery, response: { 200: S.StaffPage } },
    },
    async (request) => listStaff(ctx.database.db, request.query),
  );

  app.post(
    '/v1/admin/staff',
    {
      config: { auth: { permission: 'staff.manage' }, sensitiveResponse: true },
      schema: {
        tags: tagsAdmin,
        summary: 'Create a staff account',
        description: 'Answers the TOTP secret once, with its otpauth:// URI for the authenticator app.',
        body: S.CreateStaffBody,
        response: { 201: S.CreatedStaffResponse },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, (tx) =>
        createStaff(tx, { masterKey, clock: ctx.clock, actor: staffOf(request), ip: request.ip }, request.body),
      ),
  );

  app.get(
    '/v1/admin/staff/:id',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: { tags: tagsAdmin, summary: 'One staff account', params: S.IdParams, response: { 200: S.StaffRef } },
    },
    async (request) => getStaff(ctx.database.db, request.params.id),
  );

  app.patch(
    '/v1/admin/staff/:id',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: {
        tags: tagsAdmin,
        summary: 'Change the role of a staff account, or disable / enable it',
        description:
          'Disabling ends their sessions at once; setting the status to active also lifts a lock-out. Nobody changes their own account.',
        params: S.IdParams,
        body: S.UpdateStaffBody,
        response: { 200: S.StaffRef },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateStaff(tx, { clock: ctx.clock, actor: staffOf(request), ip: request.ip }, request.params.id, request.body),
      ),
  );
};
