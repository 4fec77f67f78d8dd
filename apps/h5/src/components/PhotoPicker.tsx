// Up to nine photos — or, where the caller allows it (`allowVideo`: the feedback form), one short video
// instead — uploaded as they are picked (`POST /v1/uploads`), shared by the feedback form and a
// ticket's reply and a new ticket: each item's key is the upload's id, its preview the picked file (a
// video shows a frame of it, or a plain video tile where the browser cannot decode it, with a play
// badge). What the server would refuse is refused here first, with a toast: a video beside photos (or a
// second video), and a file over its kind's size. A failed upload is said in a toast (the caller words
// it, by the problem's code where it knows it) and leaves the list as it was. `onBusyChange` tells the
// form when uploads are under way, so that it does not send before they finish.
import { ImageUploader, type ImageUploadItem, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUploadMedia } from '../feedback-api';

/** The server's limits (feedback's FeedbackLimits): 9 images of ≤ 10 MB, or 1 video of ≤ 50 MB and 60 s. */
export const MEDIA_LIMITS = Object.freeze({ imagesMax: 9, imageMb: 10, videoMb: 50, videoSeconds: 60 });

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp';
// MP4 and QuickTime (MOV), as the server accepts them (it checks the file's first bytes).
const VIDEO_TYPES = 'video/mp4,video/quicktime';
const MB = 1024 * 1024;

function isVideo(file: File): boolean {
  return file.type.startsWith('video/') || /\.(mp4|m4v|mov)$/i.test(file.name);
}

/** A plain tile for a video the browser cannot draw a frame of (a MOV in Chrome): a play mark on dark. */
const VIDEO_TILE =
  'data:image/svg+xml;charset=utf-8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">' +
      '<rect width="160" height="160" fill="#2b2f36"/><circle cx="80" cy="80" r="30" fill="#ffffff" fill-opacity="0.9"/>' +
      '<path d="M72 64 L100 80 L72 96 Z" fill="#2b2f36"/></svg>',
  );

/** A frame of the video a second in (or its first), as a JPEG data URL; the tile when it cannot be drawn. */
async function posterOf(url: string): Promise<string> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = url;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(() => reject(new Error('timeout')), 5000);
      video.onloadeddata = () => {
        video.currentTime = Math.min(1, (video.duration || 0) / 2);
      };
      video.onseeked = () => {
        window.clearTimeout(timer);
        resolve();
      };
      video.onerror = () => {
        window.clearTimeout(timer);
        reject(new Error('unreadable'));
      };
    });
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    if (!context || canvas.width === 0 || canvas.height === 0) return VIDEO_TILE;
    context.drawImage(video, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.8);
  } catch {
    return VIDEO_TILE;
  } finally {
    video.removeAttribute('src');
    video.load();
  }
}

export function PhotoPicker(props: {
  value: ImageUploadItem[];
  onChange: (items: ImageUploadItem[]) => void;
  onBusyChange: (busy: boolean) => void;
  failedMessage: (error: unknown) => string;
  /** One short video instead of the photos (the feedback form); photos only otherwise. */
  allowVideo?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const upload = useUploadMedia();
  const [uploading, setUploading] = useState(0);
  const { onBusyChange } = props;
  useEffect(() => onBusyChange(uploading > 0), [uploading, onBusyChange]);
  const hasVideo = props.value.some((item) => item.extra?.kind === 'video');
  // Said in a toast and kept under the picker until the next file is taken (a toast is gone in 2 s).
  const [refusal, setRefusal] = useState<string | null>(null);
  const refuse = (content: string) => {
    Toast.show({ icon: 'fail', content });
    setRefusal(content);
    return null;
  };
  return (
    <>
      <ImageUploader
        value={props.value}
        onChange={props.onChange}
        // A video is the feedback's one file: the add cell goes once it is there.
        maxCount={hasVideo ? 1 : MEDIA_LIMITS.imagesMax}
        // A refused file leaves no failed cell behind: the toast says why, the list stays as it was.
        showFailed={false}
        accept={props.allowVideo ? `${IMAGE_TYPES},${VIDEO_TYPES}` : IMAGE_TYPES}
        beforeUpload={(file, files) => {
          const video = isVideo(file);
          if (video && !props.allowVideo) return refuse(t('feedback.media.imagesOnly'));
          if (video || hasVideo) {
            // One video alone: not beside photos picked before or with it, and not a second one.
            const others = props.value.length + files.filter((f) => f !== file).length;
            if (others > 0) return refuse(t('feedback.media.videoAlone'));
          }
          if (video && file.size > MEDIA_LIMITS.videoMb * MB) {
            return refuse(t('feedback.media.videoTooLarge', { mb: MEDIA_LIMITS.videoMb }));
          }
          if (!video && file.size > MEDIA_LIMITS.imageMb * MB) {
            return refuse(t('feedback.media.imageTooLarge', { mb: MEDIA_LIMITS.imageMb }));
          }
          setRefusal(null);
          return file;
        }}
        upload={async (file) => {
          setUploading((n) => n + 1);
          try {
            const uploaded = await upload.mutateAsync(file);
            const url = URL.createObjectURL(file);
            if (uploaded.kind === 'video') {
              return { key: uploaded.id, url, thumbnailUrl: await posterOf(url), extra: { kind: 'video' } };
            }
            return { key: uploaded.id, url, extra: { kind: 'image' } };
          } catch (error) {
            Toast.show({ icon: 'fail', content: props.failedMessage(error) });
            throw error;
          } finally {
            setUploading((n) => n - 1);
          }
        }}
        // A video opens no image viewer (it would show the poster only); its tile says it is a video.
        preview={!hasVideo}
        renderItem={(node, item) =>
          item.extra?.kind === 'video' ? (
            <div className="media-video-cell" data-testid="media-video">
              {node}
              <span className="media-video-badge">{t('feedback.media.videoBadge')}</span>
            </div>
          ) : (
            node
          )
        }
        data-testid={props['data-testid']}
      />
      {refusal && (
        <div className="media-refused" role="alert" data-testid="media-refused">
          {refusal}
        </div>
      )}
    </>
  );
}
