// 报修 (issue #14): the customer describes the fault and adds up to six photos; the report opens a
// fault ticket for support and holds other after-sale actions until the phone is repaired or swapped.
import { Button, ImageUploader, type ImageUploadItem, Popup, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type RentalOrder, useReportFault, useUploadFaultPhoto } from '../../rentals-api';
import { rentalErrorMessage } from './rental-format';

const PHOTOS_MAX = 6;

export function FaultFlow({ order, onClose }: { order: RentalOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(0);
  const upload = useUploadFaultPhoto(order.id);
  const report = useReportFault(order.id);
  const submit = async () => {
    try {
      await report.mutateAsync({ description: description.trim(), photos: photos.map((p) => String(p.key)) });
      Toast.show({ icon: 'success', content: t('rentals.fault.submitted') });
      onClose();
    } catch (error) {
      Toast.show({ icon: 'fail', content: rentalErrorMessage(t, error) });
    }
  };
  return (
    <Popup visible onMaskClick={onClose} bodyClassName="rental-popup" destroyOnClose>
      <div data-testid="fault-form">
        <div className="rental-popup-title">{t('rentals.fault.title')}</div>
        <p className="summary-note">{t('rentals.fault.intro')}</p>
        <TextArea
          placeholder={t('rentals.fault.placeholder')}
          value={description}
          onChange={setDescription}
          maxLength={1000}
          rows={4}
          showCount
          data-testid="fault-description"
        />
        <div className="muted">{t('rentals.fault.photos', { count: PHOTOS_MAX })}</div>
        <ImageUploader
          value={photos}
          onChange={setPhotos}
          maxCount={PHOTOS_MAX}
          accept="image/jpeg,image/png,image/webp"
          upload={async (file) => {
            setUploading((n) => n + 1);
            try {
              const uploaded = await upload.mutateAsync(file);
              return { key: uploaded.file, url: URL.createObjectURL(file) };
            } catch (error) {
              Toast.show({ icon: 'fail', content: t('rentals.fault.uploadFailed') });
              throw error;
            } finally {
              setUploading((n) => n - 1);
            }
          }}
        />
        <Button
          block
          color="primary"
          shape="rounded"
          disabled={description.trim().length < 2 || uploading > 0}
          loading={report.isPending}
          onClick={() => void submit()}
          data-testid="fault-submit"
        >
          {t('rentals.fault.submit')}
        </Button>
      </div>
    </Popup>
  );
}
