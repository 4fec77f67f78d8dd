// Customers and the audit log, for staff: masked search, one customer, the audited reveal.
import { command, type RoutesPlugin } from '@zulin/platform';
import * as S from '../api-schemas';
import { listAuditEntries, nameAuditCustomers, withoutRawDetail } from '../audit';
import { searchCustomers } from '../customers-admin';
import { staffOf } from '../principal';
import { getCustomerProfile } from '../profile';
import { revealCustomer } from '../reveal-customer';

const tagsAdmin = ['admin: identity'];

export const customerAdminRoutes: RoutesPlugin = async (app, { ctx }) => {
  const { masterKey } = ctx.config;

  app.get(
    '/v1/admin/audit-log',
    {
      config: { auth: { permission: 'audit.read' } },
      schema: {
        tags: tagsAdmin,
        summary: 'Search the audit log, newest first',
        querystring: S.AuditQuery,
        response: { 200: S.AuditPage },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      const page = await listAuditEntries(ctx.database.db, {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
      // Customers by their masked name (张*), as staff are by theirs; the id stays one hover away —
      // for staff who may read the record as written (audit.raw); the others get the labels only.
      const named = await nameAuditCustomers(ctx.database.db, masterKey, page.data);
      const raw = staffOf(request).permissions.has('audit.raw');
      return { ...page, data: raw ? named : named.map(withoutRawDetail) };
    },
  );

  app.get(
    '/v1/admin/customers',
    {
      config: { auth: { permission: 'customers.read' } },
      schema: {
        tags: tagsAdmin,
        summary: 'Find customers (masked)',
        description:
          'phone: exact number. q: a phone or ID number (exact, by blind index), a customer id, or part of a nickname.',
        querystring: S.CustomerSearchQuery,
        response: { 200: S.CustomerPage },
      },
    },
    async (request) => searchCustomers(ctx.database.db, masterKey, request.query),
  );

  app.get(
    '/v1/admin/customers/:id',
    {
      config: { auth: { permission: 'customers.read' } },
      schema: {
        tags: tagsAdmin,
        summary: 'One customer (masked)',
        params: S.IdParams,
        response: { 200: S.CustomerRef },
      },
    },
    async (request) => getCustomerProfile(ctx.database.db, masterKey, request.params.id),
  );

  app.post(
    '/v1/admin/customers/:id/reveal',
    {
      config: { auth: { permission: 'customers.reveal_pii' }, sensitiveResponse: true },
      schema: {
        tags: tagsAdmin,
        summary: 'Reveal the clear phone, name and ID number of a customer (audited)',
        params: S.IdParams,
        body: S.RevealBody,
        response: { 200: S.RevealedCustomer },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        revealCustomer(
          tx,
          { masterKey, clock: ctx.clock, actor: staffOf(request), ip: request.ip },
          request.params.id,
          request.body.reason,
        ),
      ),
  );
};
