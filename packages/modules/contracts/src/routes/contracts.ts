// Contracts over HTTP. Customer: my contracts, one, its PDF, a signing code, signing. Staff: search,
// any contract's PDF, the daily evidence roots.
import { customerIdOf, customerLabels } from '@zulin/identity';
import { command, IdParams, IdString, PageOf, PageQuery, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { listDailyRoots } from '../daily-roots';
import type { ContractsDeps } from '../deps';
import { assertOwnSigning } from '../esign-flows';
import { evidenceOfSubject } from '../evidence-log';
import { ContractsLimits } from '../limits';
import { buildProofBundle } from '../proof-bundle';
import {
  type ContractStatus,
  contractPdf,
  contractStatuses,
  getContract,
  listContracts,
  toContractView,
} from '../read-contracts';
import { sealOf } from '../runtime';
import { checkSignable, claimSigningTry, requestSigningCode, signatureInput, signContract } from '../sign-contract';
import { verifyEvidenceIncrementally } from '../verify-incrementally';

const Contract = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  subject: Type.Object({ kind: Type.String(), id: Type.String() }),
  template: Type.String(),
  templateVersion: Type.Integer({ minimum: 1, maximum: 1000 }),
  locale: Type.String(),
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  status: Type.Union(
    [Type.Literal('draft'), Type.Literal('signed'), Type.Literal('superseded'), Type.Literal('withdrawn')],
    {
      description: 'withdrawn: a draft its order no longer needs (an abandoned renewal’s addendum); not signable',
    },
  ),
  terms: Type.Record(Type.String(), Type.Unknown()),
  termsHash: Type.String(),
  documentHash: Type.String(),
  signedPdfHash: Type.Union([Type.String(), Type.Null()]),
  signatureKind: Type.Union([Type.String(), Type.Null()]),
  signedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

/** A contract as staff list it: the customer named by masked name and phone, not only by id. */
const StaffContract = Type.Object({
  ...Contract.properties,
  customerLabel: Type.Union([Type.String(), Type.Null()], { description: 'Masked name and phone' }),
});

const StatusFilter = Type.Optional(
  Type.Unsafe<ContractStatus>(Type.Union(contractStatuses.map((s) => Type.Literal(s)))),
);

const MyContractsQuery = Type.Object({ status: StatusFilter, ...PageQuery }, { additionalProperties: false });

const AdminContractsQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'contract, customer or order id (exact)' }),
    ),
    status: StatusFilter,
    customerId: Type.Optional(IdString('customer id')),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const SignBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 12 }),
    // One object rather than a union: the validator strips unknown properties branch by branch.
    signature: Type.Object(
      {
        kind: Type.Union([Type.Literal('drawn'), Type.Literal('typed')]),
        dataUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 420_000 })),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: ContractsLimits.typedSignatureLengthMax })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Evidence = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  id: Type.String(),
  at: Type.String(),
  kind: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});

const Verification = Type.Object({
  checkedAt: Type.String(),
  chain: Type.Object({
    entries: Type.Integer({ minimum: 0, description: 'entries verified so far (up to the first break)' }),
    checkedNow: Type.Integer({
      minimum: 0,
      description: 'entries this call read and checked (the ones since the last call)',
    }),
    broken: Type.Union([
      Type.Object({ seq: Type.Integer({ minimum: 0 }), id: Type.String(), why: Type.String() }),
      Type.Null(),
    ]),
  }),
  roots: Type.Object({
    roots: Type.Integer({ minimum: 0 }),
    checkedNow: Type.Integer({ minimum: 0, description: 'roots this call checked' }),
    broken: Type.Union([Type.Object({ businessDate: Type.String(), why: Type.String() }), Type.Null()]),
  }),
});

const Root = Type.Object({
  businessDate: Type.String(),
  fromSeq: Type.Integer({ minimum: 0 }),
  toSeq: Type.Integer({ minimum: 0 }),
  treeSize: Type.Integer({ minimum: 0 }),
  rootHash: Type.String(),
  statement: Type.String(),
  signatureAlgorithm: Type.String(),
  signature: Type.String(),
  publicKeyPem: Type.String(),
  timestampAuthority: Type.Union([Type.String(), Type.Null()]),
  timestampedAt: Type.Union([Type.String(), Type.Null()]),
  timestampToken: Type.Union([Type.String(), Type.Null()]),
  timestampAttempts: Type.Integer({ minimum: 0 }),
  timestampLastError: Type.Union([Type.String(), Type.Null()]),
});

export const contractRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const deps: ContractsDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  // Mode `provider`: the provider checks who signs and their will (实名 + 意愿); no SMS signing here.
  const ownSigning = () => assertOwnSigning();

  app.get(
    '/v1/contracts',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['contracts'],
        summary: 'My contracts, newest first, a page at a time',
        querystring: MyContractsQuery,
        response: { 200: PageOf(Contract) },
      },
    },
    async (request) =>
      listContracts(db, {
        customerId: customerIdOf(request),
        status: request.query.status,
        limit: request.query.limit,
        cursor: request.query.cursor,
      }),
  );

  app.get(
    '/v1/contracts/:id',
    {
      config: { auth: 'customer' },
      schema: { tags: ['contracts'], summary: 'One of my contracts', params: IdParams, response: { 200: Contract } },
    },
    async (request) => toContractView(await getContract(db, request.params.id, customerIdOf(request))),
  );

  app.get(
    '/v1/contracts/:id/pdf',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['contracts'],
        summary: 'My contract as a PDF: the sealed copy once signed, else the draft',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = contractPdf(await getContract(db, request.params.id, customerIdOf(request)));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf);
    },
  );

  app.post(
    '/v1/contracts/:id/sign-codes',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['contracts'],
        summary: 'Send me an SMS code to sign this draft (bound to its document hash)',
        params: IdParams,
        response: {
          202: Type.Object({ expiresAt: Type.String(), phoneMasked: Type.String(), documentHash: Type.String() }),
        },
      },
    },
    (request, reply) => {
      ownSigning();
      return command(ctx, request, reply, { status: 202 }, async (tx) => {
        const sent = await requestSigningCode(tx, deps, {
          customerId: customerIdOf(request),
          contractId: request.params.id,
        });
        return {
          expiresAt: sent.expiresAt.toISOString(),
          phoneMasked: sent.phoneMasked,
          documentHash: sent.documentHash,
        };
      });
    },
  );

  app.post(
    '/v1/contracts/:id/sign',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['contracts'],
        summary: 'Sign this draft with the SMS code and a drawn or typed signature; the signed PDF is sealed',
        params: IdParams,
        body: SignBody,
        response: { 200: Contract },
      },
    },
    async (request, reply) => {
      ownSigning();
      const customerId = customerIdOf(request);
      // Signed already or superseded: said before a try is counted.
      checkSignable(await getContract(db, request.params.id, customerId));
      // The try is counted before the command, so a wrong code uses it up even though the command fails.
      const codeTry = await claimSigningTry(ctx.database, deps, customerId);
      const seal = await sealOf(ctx, db);
      return command(ctx, request, reply, {}, async (tx) => {
        await signContract(
          tx,
          { ...deps, seal },
          {
            customerId,
            contractId: request.params.id,
            code: request.body.code,
            codeTry,
            signature: signatureInput(request.body.signature),
          },
        );
        return toContractView(await getContract(tx, request.params.id, customerId));
      });
    },
  );

  app.get(
    '/v1/admin/contracts',
    {
      config: { auth: { permission: 'contracts.read' } },
      schema: {
        tags: ['contracts'],
        summary: 'Contracts newest first, by state and customer, or found by contract, customer or order id',
        querystring: AdminContractsQuery,
        response: { 200: PageOf(StaffContract) },
      },
    },
    async (request) => {
      const page = await listContracts(db, request.query);
      const labels = await customerLabels(
        db,
        ctx.config.masterKey,
        page.data.map((c) => c.customerId),
      );
      return {
        ...page,
        data: page.data.map((c) => ({ ...c, customerLabel: labels.get(c.customerId)?.label ?? null })),
      };
    },
  );

  app.get(
    '/v1/admin/contracts/:id',
    {
      config: { auth: { permission: 'contracts.read' } },
      schema: {
        tags: ['contracts'],
        summary: 'A contract with its evidence entries, oldest first',
        params: IdParams,
        response: { 200: Type.Object({ contract: Contract, evidence: Type.Array(Evidence) }) },
      },
    },
    async (request) => {
      const contract = toContractView(await getContract(db, request.params.id));
      const entries = await evidenceOfSubject(db, { kind: 'contract', id: contract.id });
      return {
        contract,
        evidence: entries.map((e) => ({
          seq: e.seq,
          id: e.id,
          at: e.at,
          kind: e.kind,
          data: e.data,
          prevHash: e.prevHash,
          hash: e.hash,
        })),
      };
    },
  );

  app.get(
    '/v1/admin/contracts/:id/pdf',
    {
      config: { auth: { permission: 'contracts.read' } },
      schema: { tags: ['contracts'], summary: 'A contract as a PDF (sealed once signed)', params: IdParams },
    },
    async (request, reply) => {
      const { pdf, fileName } = contractPdf(await getContract(db, request.params.id));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf);
    },
  );

  app.get(
    '/v1/admin/contracts/:id/proof-bundle',
    {
      config: { auth: { permission: 'contracts.manage' } },
      schema: {
        tags: ['contracts'],
        summary: 'The proof bundle of a contract (ZIP: PDFs, evidence, inclusion proofs, signed and timestamped roots)',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const zip = await buildProofBundle(db, request.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="zulin-proof-${request.params.id}.zip"`)
        .send(zip);
    },
  );

  app.get(
    '/v1/admin/evidence/roots',
    {
      config: { auth: { permission: 'contracts.read' } },
      schema: {
        tags: ['contracts'],
        summary: 'The daily evidence roots, newest first, with their signatures and timestamps',
        response: { 200: Type.Object({ data: Type.Array(Root) }) },
      },
    },
    async () => {
      const roots = await listDailyRoots(db, ContractsLimits.rootsPageMax);
      return {
        data: roots.map((r) => ({
          businessDate: r.businessDate,
          fromSeq: r.fromSeq,
          toSeq: r.toSeq,
          treeSize: r.treeSize,
          rootHash: r.rootHash,
          statement: r.statement,
          signatureAlgorithm: r.signatureAlgorithm,
          signature: r.signature,
          publicKeyPem: r.publicKeyPem,
          timestampAuthority: r.timestampAuthority,
          timestampedAt: r.timestampedAt?.toISOString() ?? null,
          timestampToken: r.timestampToken,
          timestampAttempts: r.timestampAttempts,
          timestampLastError: r.timestampLastError,
        })),
      };
    },
  );

  app.get(
    '/v1/admin/evidence/verification',
    {
      config: { auth: { permission: 'contracts.read' } },
      schema: {
        tags: ['contracts'],
        summary:
          'Verifies the evidence chain and the daily roots appended since the last verification (the whole log: `zulin evidence verify`); names the first break',
        response: { 200: Verification },
      },
    },
    async () => {
      const checkedAt = ctx.clock.now().toISOString();
      const { chain, roots } = await verifyEvidenceIncrementally(db, ctx.clock.now());
      return { checkedAt, chain, roots };
    },
  );
};
