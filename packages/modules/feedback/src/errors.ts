// Feedback's stable error codes. Each `detail` is English for logs and API clients; the apps show
// the code's translated message (zh-CN and en) from their own catalogs.
import { defineErrors } from '@zulin/kernel';

export const FeedbackErrors = defineErrors({
  FEEDBACK_ANALYSIS_RANGE_INVALID: { status: 422, title: 'The analysis range is not valid' },
  FEEDBACK_EXPORT_TOO_LARGE: {
    status: 422,
    title: 'The range holds more feedback than one export may; choose a shorter range or narrow the filters',
  },
  FEEDBACK_RENTAL_NOT_ENDED: {
    status: 409,
    title: 'The rental has not ended yet; report a problem instead of rating it',
  },
  FEEDBACK_RATING_WINDOW_CLOSED: { status: 422, title: 'The time to rate this rental has passed' },
  FEEDBACK_ALREADY_RATED: { status: 409, title: 'This rental has already been rated' },
  FEEDBACK_PROBLEM_NOT_DURING_RENTAL: {
    status: 409,
    title: 'A problem can be reported on an order only while it is being rented',
  },
  FEEDBACK_RULES_INVALID: { status: 422, title: 'The classification rules are not valid' },
  FEEDBACK_RULES_VERSION_STALE: {
    status: 409,
    title: 'Another rule set was published since this one was loaded; reload it and edit the current version',
  },
  FEEDBACK_RULES_UNCHANGED: { status: 422, title: 'The rule set is the current one; no version is published' },
  FEEDBACK_RULE_SET_NOT_FOUND: { status: 404, title: 'Rule set version not found' },
  FEEDBACK_CORRECTION_UNCHANGED: { status: 409, title: 'The corrected category is the one already given' },
  FEEDBACK_ANSWERS_INVALID: { status: 422, title: 'Some answers do not fit their questions' },
  FEEDBACK_QUESTION_INVALID: { status: 422, title: 'The question is not valid' },
  FEEDBACK_QUESTION_NOT_FOUND: { status: 404, title: 'Question not found' },
  FEEDBACK_QUESTION_KEY_TAKEN: { status: 409, title: 'A question with this key exists already' },
  FEEDBACK_QUESTION_NPS_TAKEN: {
    status: 409,
    title: 'Another active question is the NPS question already; at most one question feeds the NPS',
  },
  FEEDBACK_QUESTION_VERSION_STALE: {
    status: 409,
    title: 'The question has changed since it was loaded; reload it and edit the current version',
  },
  FEEDBACK_QUESTION_ORDER_STALE: {
    status: 409,
    title: 'The active questions have changed since they were loaded; reload them and order again',
  },
  FEEDBACK_QUESTION_UNCHANGED: { status: 409, title: 'The edit changes nothing; no version is published' },
  FEEDBACK_QUESTION_ALREADY_RETIRED: { status: 409, title: 'The question is retired already' },
  FEEDBACK_QUESTION_NOT_RETIRED: { status: 409, title: 'The question is not retired' },
  FEEDBACK_QUESTION_LIMIT_REACHED: {
    status: 409,
    title: 'Too many questions, or versions of this question; retire or reuse one instead',
  },
  FEEDBACK_TEXT_INVALID: { status: 422, title: 'The feedback text is not valid' },
  FEEDBACK_ATTACHMENTS_TOO_MANY: {
    status: 422,
    title: 'A feedback holds at most 9 images or 1 short video',
  },
  FEEDBACK_UPLOAD_TYPE_UNSUPPORTED: {
    status: 415,
    title: 'Only JPEG, PNG or WebP images and MP4 or MOV videos can be uploaded',
  },
  FEEDBACK_UPLOAD_HEIC_UNSUPPORTED: {
    status: 415,
    title: 'HEIC photos cannot be uploaded yet; choose JPEG ("Most Compatible") or let the browser convert it',
  },
  FEEDBACK_UPLOAD_TOO_LARGE: { status: 413, title: 'The file is larger than allowed for its kind' },
  FEEDBACK_UPLOAD_IMAGE_INVALID: { status: 422, title: 'The image cannot be read' },
  FEEDBACK_UPLOAD_VIDEO_INVALID: { status: 422, title: 'The video cannot be read' },
  FEEDBACK_STORAGE_UNAVAILABLE: { status: 503, title: 'The file store is not answering; try again shortly' },
  FEEDBACK_NOT_FOUND: { status: 404, title: 'Feedback not found' },
  FEEDBACK_ORDER_NOT_FOUND: { status: 404, title: 'Rental not found' },
  FEEDBACK_MEDIA_NOT_FOUND: {
    status: 422,
    title: 'An attached file was not uploaded by you or is already attached to another feedback',
  },
  FEEDBACK_UPLOAD_MISSING: { status: 422, title: 'Send multipart/form-data with one "file" field' },
  FEEDBACK_REPLY_INVALID: { status: 422, title: 'The reply is empty or too long' },
  FEEDBACK_UPLOAD_VIDEO_TOO_LONG: { status: 422, title: 'The video is longer than allowed' },
  FEEDBACK_ALREADY_RESOLVED: { status: 409, title: 'This feedback is resolved already' },
  FEEDBACK_ASSIGNEE_NOT_FOUND: {
    status: 422,
    title: 'The assignee is not an active staff member who handles feedback',
  },
  FEEDBACK_NOTE_INVALID: { status: 422, title: 'The note is empty or too long' },
  FEEDBACK_NOTES_TOO_MANY: { status: 409, title: 'This feedback holds as many notes as it may' },
  FEEDBACK_SETTINGS_INVALID: { status: 422, title: 'The feedback settings are not valid' },
});
