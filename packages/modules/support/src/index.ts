// The public face of the support module: the only file other modules may import.
export {
  type CannedReply,
  cannedReplies,
  cannedRepliesFor,
  type Locale,
  type LocalText,
  placeholdersOf,
  renderCannedReply,
} from './canned-replies';
export type { SupportDeps } from './deps';
export { SupportErrors } from './errors';
export { SupportEvents } from './events';
export { type HelpArticle, type HelpTopic, helpArticles, helpTopics } from './help-centre/articles';
export {
  type ArticleHit,
  type ArticleSearchDocument,
  articleSearchDocuments,
  rankArticles,
  searchQueryTokens,
} from './help-centre/search';
export { SupportLimits } from './limits';
export { supportModule } from './module';
export { openTicket } from './open-ticket';
export type { AttachedFile } from './schema';
export {
  defaultSlaPolicy,
  type SlaDeadlines,
  type SlaPolicy,
  type SlaTarget,
  type SlaTimerState,
  slaDeadlines,
  slaTarget,
  slaTimerState,
} from './sla';
export { domainWords } from './text/domain-words';
export { isHanWord, normaliseText, type SegmentOptions, segmentWords } from './text/segment';
export {
  allowedTicketActions,
  nextTicketState,
  slaClockRuns,
  type TicketAction,
  type TicketActorKind,
  type TicketDraft,
  type TicketKind,
  type TicketPriority,
  type TicketState,
  type TicketTransition,
  ticketActions,
  ticketKinds,
  ticketPolicy,
  ticketPriorities,
  ticketStates,
  ticketTransitions,
  validateTicketDraft,
} from './tickets';
export { countTicketsReopenedByCustomer } from './tickets-reopened';
export { DataDirBlobStore } from './uploads/data-dir-store';
export { S3BlobStore, type S3Config } from './uploads/s3-store';
export { BinaryResponse, FileParams, sendBlob } from './uploads/send-blob';
export { type BlobExtension, type BlobStore, blobKeyOf, blobKeyPattern, isBlobKey } from './uploads/storage';
export {
  attachUploads,
  holdsKey,
  recordUpload,
  type StoredUpload,
  type UploadOwner,
  type UploadView,
  uploadOwnerIndex,
} from './uploads/upload-records';
export { s3ConfigOf, s3Variables, uploadStoreOf } from './uploads/upload-store';
