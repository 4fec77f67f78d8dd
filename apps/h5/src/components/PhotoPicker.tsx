// Up to nine photos uploaded as they are picked (`POST /v1/uploads`), shared by the feedback form and a
// ticket's reply and a new ticket: each item's key is the upload's id, its preview the picked file; a
// failed upload is said in a toast (the caller words it, by the problem's code where it knows it) and
// leaves the list as it was. `onBusyChange` tells the form when uploads are under
// way, so that it does not send before they finish.
import { ImageUploader, type ImageUploadItem, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useUploadMedia } from '../feedback-api';

export function PhotoPicker(props: {
  value: ImageUploadItem[];
  onChange: (items: ImageUploadItem[]) => void;
  onBusyChange: (busy: boolean) => void;
  failedMessage: (error: unknown) => string;
  'data-testid'?: string;
}) {
  const upload = useUploadMedia();
  const [uploading, setUploading] = useState(0);
  const { onBusyChange } = props;
  useEffect(() => onBusyChange(uploading > 0), [uploading, onBusyChange]);
  return (
    <ImageUploader
      value={props.value}
      onChange={props.onChange}
      maxCount={9}
      // A refused file leaves no failed cell behind: the toast says why, the list stays as it was.
      showFailed={false}
      accept="image/jpeg,image/png,image/webp"
      upload={async (file) => {
        setUploading((n) => n + 1);
        try {
          const uploaded = await upload.mutateAsync(file);
          return { key: uploaded.id, url: URL.createObjectURL(file) };
        } catch (error) {
          Toast.show({ icon: 'fail', content: props.failedMessage(error) });
          throw error;
        } finally {
          setUploading((n) => n - 1);
        }
      }}
      data-testid={props['data-testid']}
    />
  );
}
