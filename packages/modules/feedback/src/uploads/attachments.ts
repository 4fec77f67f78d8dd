// What one feedback may carry (seed 001: 允许用户上传图片或视频): up to 9 images, or a single short
// video — not both, so a feedback reads as a photo set or as one clip.
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';

export interface AttachmentRef {
  kind: 'image' | 'video';
  key: string;
}

export function checkAttachments(attachments: readonly AttachmentRef[]): void {
  const images = attachments.filter((a) => a.kind === 'image').length;
  const videos = attachments.length - images;
  const fits =
    (videos === 0 && images <= FeedbackLimits.imagesPerFeedbackMax) ||
    (images === 0 && videos <= FeedbackLimits.videosPerFeedbackMax);
  if (!fits) {
    throw FeedbackErrors.FEEDBACK_ATTACHMENTS_TOO_MANY({
      detail: `Got ${images} image(s) and ${videos} video(s).`,
    });
  }
  if (new Set(attachments.map((a) => a.key)).size !== attachments.length) {
    throw FeedbackErrors.FEEDBACK_ATTACHMENTS_TOO_MANY({ detail: 'The same file is attached twice.' });
  }
}
