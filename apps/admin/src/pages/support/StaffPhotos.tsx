// Staff photos on the support desks, shared by the chat desk and the ticket desk: the upload button
// (`POST /v1/admin/uploads`, its refusal said by problem code), the ticket reply's draft picker
// (thumbnails with remove) and a message's picture in a thread (thumbnail, full image on click).
import { CloseOutlined, PictureOutlined } from '@ant-design/icons';
import { App as AntdApp, Button, Image, Space, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api';
import { useChatFileUrl, useUploadStaffPhoto } from '../../chat-api';
import { useObjectUrl } from '../../hooks';
import { supportZhCN } from '../../i18n/sections/support';
import { useTicketFileUrl } from '../../support-api';

/** The server's `SupportLimits.imagesPerMessageMax`: a ticket message carries at most 9 images. */
export const PHOTOS_PER_MESSAGE_MAX = 9;
const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp';

type KnownPhotoError = keyof typeof supportZhCN.photos.errors;
const KNOWN_PHOTO_ERRORS = new Set<string>(Object.keys(supportZhCN.photos.errors));

/** The message key of a refused upload or attachment by its problem code, or undefined for another failure. */
export function photoErrorKey(error: unknown): `support.photos.errors.${KnownPhotoError}` | undefined {
  const code = errorCode(error);
  return code && KNOWN_PHOTO_ERRORS.has(code) ? `support.photos.errors.${code as KnownPhotoError}` : undefined;
}

/**
 * A button that uploads one picked photo and hands over the upload; a refusal is said in a message
 * chosen by its problem code. `onUploaded` is the caller's: the chat desk sends the photo at once,
 * the ticket desk keeps it in the reply's draft.
 */
export function StaffPhotoButton({
  label,
  disabled = false,
  onUploaded,
  onBusyChange,
  testId,
}: {
  label: string;
  disabled?: boolean;
  onUploaded: (upload: { id: string }, file: File) => void;
  onBusyChange?: (busy: boolean) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const upload = useUploadStaffPhoto();
  // An upload that ends after the button left the screen (the operator opened another chat or
  // ticket) is dropped: it must not land in the next one's draft or socket.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return (
    <Upload
      accept={ACCEPTED_TYPES}
      showUploadList={false}
      disabled={disabled}
      beforeUpload={(file) => {
        onBusyChange?.(true);
        // mutateAsync, not mutate: mutate's own callbacks fire only for the latest of overlapping uploads.
        upload
          .mutateAsync(file)
          .then(
            (uploaded) => {
              if (mounted.current) onUploaded(uploaded, file);
            },
            (error: unknown) => {
              if (mounted.current) void message.error(t(photoErrorKey(error) ?? 'support.photos.failed'));
            },
          )
          .finally(() => {
            if (mounted.current) onBusyChange?.(false);
          });
        // The mutation uploads; antd's own request must not run.
        return false;
      }}
    >
      <Button icon={<PictureOutlined />} loading={upload.isPending} disabled={disabled} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}

/** A photo in a reply's draft: the upload to attach and the picked file, shown until sent or removed. */
export interface DraftPhoto {
  uploadId: string;
  file: File;
}

/**
 * The ticket reply's photos: picked one by one (each uploaded at once), shown as thumbnails with a
 * remove button, at most nine. The draft belongs to the caller, who clears it after sending and
 * mounts a fresh one per ticket, so a draft's photos never go to another ticket.
 */
export function StaffPhotoPicker({
  value,
  onChange,
  onBusyChange,
}: {
  value: readonly DraftPhoto[];
  onChange: (update: (photos: DraftPhoto[]) => DraftPhoto[]) => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const [uploading, setUploading] = useState(0);
  useEffect(() => onBusyChange(uploading > 0), [uploading, onBusyChange]);
  const full = value.length + uploading >= PHOTOS_PER_MESSAGE_MAX;
  return (
    <Space wrap size={8} align="start" data-testid="ticket-photos">
      {value.map((photo) => (
        <DraftThumbnail
          key={photo.uploadId}
          photo={photo}
          onRemove={() => onChange((photos) => photos.filter((p) => p.uploadId !== photo.uploadId))}
        />
      ))}
      <StaffPhotoButton
        label={t('support.photos.add', { count: value.length, max: PHOTOS_PER_MESSAGE_MAX })}
        disabled={full}
        testId="ticket-photo-add"
        onBusyChange={(busy) => setUploading((n) => n + (busy ? 1 : -1))}
        onUploaded={(uploaded, file) =>
          onChange((photos) =>
            photos.length >= PHOTOS_PER_MESSAGE_MAX ? photos : [...photos, { uploadId: uploaded.id, file }],
          )
        }
      />
    </Space>
  );
}

function DraftThumbnail({ photo, onRemove }: { photo: DraftPhoto; onRemove: () => void }) {
  const { t } = useTranslation();
  const url = useObjectUrl(photo.file);
  return (
    <div style={{ position: 'relative', width: 64, height: 64 }} data-testid="ticket-photo-draft">
      <Image
        width={64}
        height={64}
        src={url}
        alt={photo.file.name}
        style={{ objectFit: 'cover', borderRadius: 4 }}
        preview={{ mask: false }}
      />
      <Button
        size="small"
        shape="circle"
        icon={<CloseOutlined />}
        aria-label={t('support.photos.remove')}
        title={t('support.photos.remove')}
        onClick={onRemove}
        style={{ position: 'absolute', top: -8, right: -8, minWidth: 20, width: 20, height: 20 }}
        data-testid="ticket-photo-remove"
      />
    </div>
  );
}

/** A picture on a chat or ticket message: the thumbnail (fetched with the staff token), the full image on click. */
export function SupportImage({
  holder,
  id,
  file,
  width,
}: {
  holder: 'chat' | 'ticket';
  id: string;
  file: { key: string; thumbnailKey: string | null };
  width: number;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const thumbnail = useSupportFileUrl(holder, id, file.thumbnailKey ?? file.key);
  const full = useSupportFileUrl(holder, id, open ? file.key : null);
  return (
    <Image
      width={width}
      src={thumbnail}
      alt={t('support.chat.photoAlt')}
      data-testid={`${holder}-image`}
      preview={{ visible: open, src: full ?? thumbnail, onVisibleChange: setOpen }}
      style={{ display: 'block', borderRadius: 4 }}
    />
  );
}

function useSupportFileUrl(holder: 'chat' | 'ticket', id: string, fileKey: string | null): string | undefined {
  // Both hooks run on every render (hooks keep their order); the one of the other holder is disabled.
  const chat = useChatFileUrl(id, holder === 'chat' ? fileKey : null);
  const ticket = useTicketFileUrl(id, holder === 'ticket' ? fileKey : null);
  return holder === 'chat' ? chat : ticket;
}
