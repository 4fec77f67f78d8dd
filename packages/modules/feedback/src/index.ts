// The public face of the feedback module: the only file other modules may import.
export {
  type Breakdown,
  type BreakdownBy,
  type BreakdownFigures,
  type BreakdownGroup,
  breakdownDimensions,
  breakdownFeedback,
  type CategoryCount,
} from './analysis/breakdown';
export { type CsvCell, csvCell, toCsv } from './analysis/csv';
export { type CsvNames, feedbackRowsCsv, groupsCsv } from './analysis/export';
export {
  type AnalysisRow,
  type FeedbackGroup,
  type GroupBy,
  groupFeedback,
  isoWeekOf,
  noGroupKey,
  periodRange,
} from './analysis/group';
export {
  computeNps,
  type NpsBand,
  type NpsResult,
  npsBand,
  type Rating,
  type RatingShares,
  ratingShares,
  ratings,
} from './analysis/nps';
export { npsScoreOf, type QuestionForm, validateAnswers } from './answers';
export {
  type AuthorLink,
  authorCustomerId,
  type Decrypt,
  type Encrypt,
  type FeedbackAuthor,
  feedbackAuthor,
  openAuthorLink,
  type SealedAuthorLink,
  sealAuthorLink,
} from './author';
export { type Classification, classify, type MatchedRule } from './classify/classify';
export {
  type ClassificationCorrection,
  correctionRecord,
  type RuleSuggestion,
  suggestRuleChanges,
} from './classify/corrections';
export { defaultClassificationRules } from './classify/default-rules';
export {
  type ClassificationRule,
  type ClassificationRules,
  type FactCondition,
  type FactRule,
  type FeedbackCategory,
  feedbackCategories,
  type OrderFactName,
  type OrderFacts,
  orderFactNames,
  type TermRule,
  validateClassificationRules,
} from './classify/rules';
export { type DemoDimensions, type DemoFeedback, defaultDemoDimensions, generateDemoFeedback } from './demo-data';
export type { FeedbackDeps } from './deps';
export { type DraftFeedbackOptions, draftFeedback, type FeedbackOrder } from './draft-feedback';
export { FeedbackErrors } from './errors';
export { FeedbackEvents } from './events';
export {
  type AnonymousHandlerView,
  type FeedbackRecord,
  type FeedbackTiming,
  type HandlerView,
  handlerView,
  type MaskedCustomer,
  maskContactDetails,
  type NamedHandlerView,
} from './handler-view';
export { type HandlingAction, type HandlingState, handlingStates, nextHandlingState } from './handling';
export {
  defaultFeedbackSlaPolicy,
  type FeedbackSlaPolicy,
  feedbackDueAt,
  feedbackSlaHours,
  isOverdue,
} from './handling-sla';
export { FeedbackLimits } from './limits';
export { feedbackModule } from './module';
export {
  type ProblemKind,
  problemCategories,
  problemKinds,
  problemReportPhases,
  problemReportTicket,
  type RentalPhase,
} from './problem-report';
export {
  type AnswerableQuestions,
  activeForm,
  answerableQuestions,
  type PlacedQuestion,
} from './question-form';
export { type QuestionInput, questionFromInput } from './question-input';
export {
  type Answer,
  type ChoiceQuestion,
  defaultQuestions,
  type QuestionKind,
  type QuestionVersion,
  reviseQuestion,
  type ScaleQuestion,
  scaleMax,
  scaleMin,
  type TextQuestion,
  validateQuestion,
  validateQuestionSet,
} from './questions';
export {
  assertCanRate,
  defaultRatingWindowPolicy,
  type RatingWindow,
  type RatingWindowPolicy,
  ratingReminderDue,
  ratingWindow,
} from './rating-window';
export {
  parseRatingWindowSettings,
  ratingWindowSettings,
  ratingWindowSettingsSchema,
  type StoredRatingWindow,
} from './rating-window-settings';
export { defaultStopWords, domainStopWords, enStopWords, zhStopWords } from './text/stop-words';
export { type ThanksCandidate, type ThanksEntry, thanksList, thanksName } from './thanks-list';
export { type AttachmentRef, checkAttachments } from './uploads/attachments';
export {
  detectMediaType,
  type ImageFormat,
  type MediaType,
  type RefusedType,
  type VideoFormat,
} from './uploads/detect-type';
export {
  type CleanFile,
  type PreparedUpload,
  prepareUpload,
  type StoredUpload,
  storeUpload,
} from './uploads/prepare-upload';
export { type ProcessedFile, processImage } from './uploads/process-image';
export { type SanitisedVideo, sanitiseVideo } from './uploads/sanitise-video';
export {
  defaultValuablePolicy,
  type PointsAward,
  type ValuablePolicy,
  valuableAward,
  valuableAwardRef,
} from './valuable-award';
export {
  feedbacksWithWord,
  isMeaningfulWord,
  meaningfulWords,
  textHasWord,
  topWords,
  type WordCount,
} from './word-frequency';
