// Pieces the device and alert pages share: the lock-state, monitoring and command-status tags, a position.
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertStatus, DeviceCommandStatus, DeviceLockState, RiskDevice } from '../../risk-api';

export const LOCK_COLORS = { unlocked: 'success', locked: 'error' } satisfies Record<DeviceLockState, string>;
export const COMMAND_COLORS = {
  pending: 'default',
  sent: 'processing',
  acknowledged: 'success',
  failed: 'error',
  cancelled: 'default',
} satisfies Record<DeviceCommandStatus, string>;
export const ALERT_COLORS = { open: 'error', resolved: 'default' } satisfies Record<AlertStatus, string>;

export function LockTag({ state }: { state: DeviceLockState }) {
  const { t } = useTranslation();
  return (
    <Tag color={LOCK_COLORS[state]} data-testid="lock-state">
      {t(`risk.devices.lockStates.${state}`)}
    </Tag>
  );
}

/** Monitored (监控中) or released (已解除, with why and when on hover) when the rental ended. */
export function MonitoringTag({ device }: { device: Pick<RiskDevice, 'releasedAt' | 'releaseReason'> }) {
  const { t } = useTranslation();
  if (device.releasedAt === null) {
    return (
      <Tag color="processing" data-testid="device-monitoring">
        {t('risk.devices.monitoring.active')}
      </Tag>
    );
  }
  const reason = device.releaseReason;
  return (
    <Tooltip title={reason === null ? undefined : t(`risk.devices.releaseReasons.${reason}`, { defaultValue: reason })}>
      <Tag data-testid="device-monitoring">{t('risk.devices.monitoring.released')}</Tag>
    </Tooltip>
  );
}

export function CommandStatusTag({ status }: { status: DeviceCommandStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COMMAND_COLORS[status]} data-testid="command-status">
      {t(`risk.devices.commandStatuses.${status}`)}
    </Tag>
  );
}

/** A position as degrees, to 4 decimals (about 10 m). */
export function Position({ lat, lng }: { lat: number; lng: number }) {
  return (
    <Typography.Text className="mono-cell">
      {lat.toFixed(4)}, {lng.toFixed(4)}
    </Typography.Text>
  );
}
