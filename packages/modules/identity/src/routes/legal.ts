// The legal documents in force (public, so the login page can show and link them) and the signed-in
// customer's consents: what they agreed to, what is pending, and agreeing to a new version.
import { command, type RoutesPlugin } from '@zulin/platform';
import * as S from '../api-schemas';
import { listConsents, pendingConsents, requireConsents } from '../consents';
import { currentLegalDocuments, legalDocumentKinds } from '../legal-documents';
import { customerIdOf } from '../principal';

const tagsLegal = ['legal'];

export const legalRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/legal',
    {
      config: { auth: 'public' },
      schema: {
        tags: tagsLegal,
        summary: 'The legal documents in force, with their versions',
        querystring: S.LegalDocumentQuery,
        response: { 200: S.LegalDocumentsIndex },
      },
    },
    async (request) => ({
      data: legalDocumentKinds.map((kind) => {
        const doc = currentLegalDocuments[kind];
        const text = doc.text[request.query.lang ?? 'zh-CN'];
        return { document: kind, version: doc.version, effectiveDate: doc.effectiveDate, title: text.title };
      }),
    }),
  );

  app.get(
    '/v1/legal/:document',
    {
      config: { auth: 'public' },
      schema: {
        tags: tagsLegal,
        summary: 'The user agreement or the privacy policy in force, in zh-CN (default) or English',
        params: S.LegalDocumentParams,
        querystring: S.LegalDocumentQuery,
        response: { 200: S.LegalDocumentView },
      },
    },
    async (request) => {
      const doc = currentLegalDocuments[request.params.document];
      const text = doc.text[request.query.lang ?? 'zh-CN'];
      return { document: doc.kind, version: doc.version, effectiveDate: doc.effectiveDate, ...text };
    },
  );

  app.get(
    '/v1/me/consents',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsLegal,
        summary: 'What the signed-in customer agreed to, and the documents in force still to agree to',
        response: { 200: S.MyConsents },
      },
    },
    async (request) => {
      const customerId = customerIdOf(request);
      const db = ctx.database.db;
      return { accepted: await listConsents(db, customerId), pending: await pendingConsents(db, customerId) };
    },
  );

  app.post(
    '/v1/me/consents',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsLegal,
        summary: 'Agree to the documents in force (after a new version)',
        description:
          'Records each agreement with its version, time and address. A version not in force is 422 ' +
          'CONSENT_VERSION_OUTDATED; agreeing again to a version already agreed to changes nothing.',
        body: S.GiveConsentsBody,
        response: { 200: S.MyConsents },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const customerId = customerIdOf(request);
        const given = request.body.consents;
        // Only what was sent is required here: the pending list answers what is left.
        const now = ctx.clock.now();
        await requireConsents(tx, { customerId, given, now, ip: request.ip, only: given.map((c) => c.document) });
        return { accepted: await listConsents(tx, customerId), pending: await pendingConsents(tx, customerId) };
      }),
  );
};
