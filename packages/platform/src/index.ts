// The platform's public face: the module contract, the app and the worker, the route helpers, and
// the security toolkit (webhook signatures, one-time codes, TOTP). Modules build on this package;
// it depends on no module and on no app.
export { type BuildAppOptions, buildApp } from './app';
export { type CommandOptions, command, isRefusal, type Refusal, refuse, runCommand } from './command';
export { type Config, ConfigError, loadConfig } from './config';
export type {
  AdapterStatus,
  AppContext,
  DashboardFigure,
  RoutesPlugin,
  Runtime,
  Schedule,
  ServerModule,
  WebhookVerifier,
  ZulinApp,
} from './context';
export { dailySeries, readDailyTrend, readValue } from './dashboard';
export { PlatformEvents } from './events';
export { type ImageType, sniffImageType, storeByContentHash } from './files';
export {
  type AuthRequirement,
  type DeclaredRoute,
  declaredRoutes,
  declarePublicRoutes,
  type PermissionName,
  type PermissionRegistry,
  type RouteGuard,
} from './http/auth';
export { invalidPathMarker, normaliseRequestTarget } from './http/hardening';
export { createMetricsRegistry, serveMetricsPort } from './http/metrics';
export { type Problem, ProblemSchema, problemOf, routeNotFound, sendProblem } from './http/problem';
export { matchesIfNoneMatch, publicCacheControl, publicCaching, weakEtagOf } from './http/public-caching';
export { IdParams, IdString, Instant, Literals, MinorAmount, Nullable, PageOf, PageQuery, Ref } from './http/schemas';
export { BreakerOpen, type BreakerOptions, type BreakerState, CircuitBreaker } from './resilience/circuit-breaker';
export {
  advanceSandboxClock,
  type ClockDay,
  registerSandboxClock,
  sandboxClockDaysMax,
  serverClock,
} from './sandbox-clock';
export {
  type CodePolicy,
  type CodeTry,
  claimCodeTry,
  codeDigits,
  type IssueOutcome,
  issueCode,
  spendCode,
  type TryOutcome,
} from './security/one-time-codes';
export { matchTotp, newTotpSecret, totpCodeAt, totpStepOf, totpUri } from './security/totp';
export {
  checkTimestamp,
  SignatureErrors,
  safeEqual,
  signatureToleranceSeconds,
  signBody,
  verifySignature,
} from './security/webhook-signature';
export { SystemStatusSchema, sandboxWebhookSecret, systemModule, version } from './system-module';
export { localTimeOfDay, Worker } from './worker';
