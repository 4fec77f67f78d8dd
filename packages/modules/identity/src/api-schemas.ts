// Request and response shapes of the identity API (TypeBox → JSON Schema → OpenAPI).

import { Instant, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { permissions, roles } from './permissions';

export const PhoneBody = Type.Object(
  { phone: Type.String({ description: 'Mainland mobile number, e.g. +8613800138000', maxLength: 20 }) },
  { additionalProperties: false },
);

export const SmsCodeSent = Type.Object({
  expiresAt: Instant,
  resendAfterSeconds: Type.Integer({ description: 'The earliest another code may be asked for' }),
});

export const SandboxSmsList = Type.Object({
  data: Type.Array(
    Type.Object({
      phone: Type.String(),
      text: Type.String(),
      code: Nullable(Type.String({ description: 'The 6-digit code in the text, if any' })),
      sentAt: Instant,
    }),
  ),
});

export const IdentityView = Type.Object({
  status: Type.Union([Type.Literal('unverified'), Type.Literal('verified'), Type.Literal('failed')]),
  nameMasked: Nullable(Type.String({ examples: ['张*丰'] })),
  idNumberMasked: Nullable(Type.String({ examples: ['110***********1234'] })),
  verifiedAt: Nullable(Instant),
});

export const Tier = Type.Union([
  Type.Literal('normal'),
  Type.Literal('silver'),
  Type.Literal('gold'),
  Type.Literal('platinum'),
]);

export const Customer = Type.Object(
  {
    id: Type.String({ examples: ['cus_01JB…'] }),
    phoneMasked: Type.String({ examples: ['138****8000'] }),
    nickname: Nullable(Type.String()),
    locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
    tier: Tier,
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    identity: IdentityView,
    createdAt: Instant,
  },
  { $id: 'IdentityCustomer', title: 'Customer' },
);
export const CustomerRef = Type.Ref('IdentityCustomer');

export const ConsentGiven = Type.Object(
  {
    document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
    version: Type.String({ maxLength: 20, description: 'The version the person read, from GET /v1/legal' }),
  },
  { additionalProperties: false, title: 'ConsentGiven' },
);

const consentsField = Type.Array(ConsentGiven, {
  maxItems: 2,
  description:
    'The legal documents agreed to on the login page. Required when the login creates the customer or a ' +
    'document has a version the customer has not agreed to (422 CONSENT_REQUIRED names them).',
});

export const LoginBody = Type.Object(
  {
    phone: Type.String({ maxLength: 20 }),
    code: Type.String({ description: 'The 6 digits of the SMS', maxLength: 6 }),
    consents: Type.Optional(consentsField),
  },
  { additionalProperties: false },
);

export const SessionFields = {
  accessToken: Type.String({ description: 'JWT for `Authorization: Bearer`, valid 15 minutes' }),
  accessTokenExpiresAt: Instant,
  refreshToken: Type.String({ description: 'Opaque; exchange at /v1/auth/refresh. Each is usable once.' }),
};

export const LoginResponse = Type.Object({
  ...SessionFields,
  customer: CustomerRef,
  created: Type.Boolean({ description: 'True when this login created the customer' }),
});

export const RefreshBody = Type.Object(
  { refreshToken: Type.String({ maxLength: 200 }) },
  { additionalProperties: false },
);
export const SessionResponse = Type.Object(SessionFields);

export const UpdateMeBody = Type.Object(
  {
    nickname: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    locale: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

export const IdentityBody = Type.Object(
  {
    name: Type.String({ description: 'Real name as on the ID card', maxLength: 40 }),
    idNumber: Type.String({ description: '18-character resident ID number', maxLength: 18 }),
    livenessToken: Type.Optional(Type.String({ maxLength: 200, description: "The provider SDK's liveness session" })),
  },
  { additionalProperties: false },
);

export const Category = Type.Union([
  Type.Literal('orders'),
  Type.Literal('bills'),
  Type.Literal('wallet'),
  Type.Literal('account'),
  Type.Literal('marketing'),
]);
export const Channel = Type.Union([
  Type.Literal('in_app'),
  Type.Literal('sms'),
  Type.Literal('email'),
  Type.Literal('push'),
]);
export const Preference = Type.Object({ category: Category, channel: Channel, enabled: Type.Boolean() });
export const Preferences = Type.Object({ data: Type.Array(Preference) });
export const PreferencesBody = Type.Object(
  { data: Type.Array(Preference, { maxItems: 20 }) },
  { additionalProperties: false },
);

export const OauthParams = Type.Object({ provider: Type.Union([Type.Literal('wechat'), Type.Literal('alipay')]) });
export const OauthBody = Type.Object(
  {
    code: Type.String({ maxLength: 512, description: 'The authorization code from the provider' }),
    phone: Type.Optional(Type.String({ maxLength: 20, description: 'Only to link a new open id: the phone…' })),
    smsCode: Type.Optional(Type.String({ maxLength: 6, description: '…and the SMS code sent to it' })),
    consents: Type.Optional(consentsField),
  },
  { additionalProperties: false },
);
export const SandboxOauthBody = Type.Object(
  { openId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export const SandboxOauthCode = Type.Object({ code: Type.String(), expiresAt: Instant });

export const RoleSchema = Type.Enum(roles);
export const PermissionSchema = Type.Enum(permissions);

export const Staff = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Nullable(Type.String()),
    role: RoleSchema,
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    lockedUntil: Nullable(Instant),
    lastLoginAt: Nullable(Instant),
    createdAt: Instant,
  },
  { $id: 'IdentityStaff', title: 'Staff' },
);
export const StaffRef = Type.Ref('IdentityStaff');

export const StaffLoginBody = Type.Object(
  {
    username: Type.String({ maxLength: 64 }),
    password: Type.String({ maxLength: 200 }),
    totp: Type.String({ maxLength: 6, description: 'The 6-digit code of the authenticator app' }),
  },
  { additionalProperties: false },
);
export const StaffLoginResponse = Type.Object({ ...SessionFields, staff: StaffRef });

export const StaffMe = Type.Object({ staff: StaffRef, permissions: Type.Array(PermissionSchema) });

export const CreateStaffBody = Type.Object(
  {
    username: Type.String({ maxLength: 32 }),
    role: RoleSchema,
    password: Type.String({ minLength: 1, maxLength: 200 }),
    displayName: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    totpSecret: Type.Optional(Type.String({ maxLength: 128, description: 'Base32; generated when absent' })),
  },
  { additionalProperties: false },
);
export const CreatedStaffResponse = Type.Object({
  staff: StaffRef,
  totpSecret: Type.String({ description: 'Shown once: give it to the staff member for their authenticator' }),
  otpauthUrl: Type.String({ description: 'otpauth:// URI for a QR code' }),
});
export const UpdateStaffBody = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false },
);
export const StaffPage = Type.Object({ data: Type.Array(StaffRef), nextCursor: Nullable(Type.String()) });
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
};
export const StaffListQuery = Type.Object({ ...PageQuery, role: Type.Optional(RoleSchema) });
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const RolesResponse = Type.Object({
  data: Type.Array(
    Type.Object({ role: RoleSchema, description: Type.String(), permissions: Type.Array(PermissionSchema) }),
  ),
  permissions: Type.Array(PermissionSchema),
});

export const AuditQuery = Type.Object({
  ...PageQuery,
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'Exact, or a prefix ending in . or *' })),
  excludeAction: Type.Optional(
    Type.String({ maxLength: 100, description: 'Leave out these actions: exact, or a prefix ending in . or *' }),
  ),
  targetType: Type.Optional(Type.String({ maxLength: 64 })),
  targetId: Type.Optional(Type.String({ maxLength: 128 })),
  from: Type.Optional(Instant),
  to: Type.Optional(Instant),
});
export const AuditPage = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Instant,
      actor: Type.Object({ kind: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
      action: Type.String(),
      targetType: Type.String(),
      targetId: Type.String(),
      targetName: Type.Optional(
        Nullable(Type.String({ description: "A customer target's masked real name (张*); null: show the id" })),
      ),
      detailNames: Type.Optional(
        Type.Record(Type.String(), Type.String(), {
          description: 'The customers the detail names, by id: masked name and phone (张* 138****8000)',
        }),
      ),
      ip: Nullable(Type.String()),
      detail: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});

export const CustomerSearchQuery = Type.Object({
  ...PageQuery,
  phone: Type.Optional(Type.String({ maxLength: 20, description: 'Exact mobile number' })),
  q: Type.Optional(
    Type.String({ maxLength: 64, description: 'A phone or ID number (exact), a customer id, or part of a nickname' }),
  ),
});
export const CustomerPage = Type.Object({ data: Type.Array(CustomerRef), nextCursor: Nullable(Type.String()) });
export const RevealBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, description: 'Why the clear data is needed (audited)' }) },
  { additionalProperties: false },
);
export const RevealedCustomer = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  realName: Nullable(Type.String()),
  idNumber: Nullable(Type.String()),
});

export const LegalDocumentParams = Type.Object({
  document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
});
export const LegalDocumentQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])) },
  { additionalProperties: false },
);
export const LegalDocumentView = Type.Object(
  {
    document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
    version: Type.String(),
    effectiveDate: Type.String({ format: 'date' }),
    title: Type.String(),
    sections: Type.Array(Type.Object({ heading: Type.String(), body: Type.String() })),
  },
  { title: 'LegalDocument' },
);
export const LegalDocumentsIndex = Type.Object({
  data: Type.Array(
    Type.Object({
      document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
      version: Type.String(),
      effectiveDate: Type.String({ format: 'date' }),
      title: Type.String(),
    }),
  ),
});
export const MyConsents = Type.Object({
  accepted: Type.Array(
    Type.Object({
      document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
      version: Type.String(),
      acceptedAt: Instant,
    }),
  ),
  pending: Type.Array(ConsentGiven, { description: 'Documents in force the customer has not agreed to yet' }),
});
export const GiveConsentsBody = Type.Object(
  { consents: Type.Array(ConsentGiven, { minItems: 1, maxItems: 2 }) },
  { additionalProperties: false },
);
