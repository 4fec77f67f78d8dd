export {
  type Database,
  type DatabaseConfig,
  type DatabaseKind,
  DatabaseOpenError,
  type Executor,
  isTransaction,
  openDatabase,
  ping,
  queryRows,
  redactUrl,
  type Tx,
  transaction,
} from './database';
export {
  defineEvents,
  type EventDeclarations,
  type EventMap,
  type EventOf,
  type EventPayloads,
  type EventType,
  type NewEventOf,
  subscribe,
} from './events';
export { clearHalt, type Halt, openHalt, openHalts, recordHalt } from './halts';
export {
  type ClaimOutcome,
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotencyKeyPattern,
  purgeExpiredIdempotencyKeys,
  releaseIdempotencyKey,
} from './idempotency';
export {
  type InboundMessage,
  type InboxHandler,
  InboxProcessor,
  receiveInbound,
  type StoredInboundMessage,
} from './inbox';
export { LeaderElection } from './leader';
export { type MigrationStatus, migrateDatabase, migrationStatus, migrationsFolder, readJournal } from './migrations';
export { type ChannelListener, type Listening, notifyOnCommit } from './notifications';
export {
  type DispatchResult,
  emitEvent,
  emitEvents,
  type NewEvent,
  OutboxDispatcher,
  type OutboxEvent,
  outboxStats,
  retryDeadDelivery,
  type Subscriber,
} from './outbox';
export {
  copyPgliteTemplateDir,
  defaultTemplateDir,
  ensurePgliteTemplate,
  ensurePgliteTemplateDir,
  existingPgliteTemplate,
  migrationsFingerprint,
  pgliteTemplateDirPath,
  pgliteTemplatePath,
} from './pglite-template';
export { readClockOffset, saveClockOffset } from './sandbox-clock';
export * as platformSchema from './schema';
export {
  inBatches,
  recentTickRuns,
  runSweep,
  runTick,
  type SweepDefinition,
  type TickContext,
  type TickDefinition,
  type TickOutcome,
} from './ticks';
