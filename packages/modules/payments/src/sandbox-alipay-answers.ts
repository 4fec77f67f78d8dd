// The gateway's answer codes and the amount parsing every Alipay sandbox method shares.
import { yuanToMinor } from './channel-amounts';
import { PaymentsLimits } from './limits';

export const success = { code: '10000', msg: 'Success' };
export const businessFailed = (subCode: string, subMsg: string) => ({
  code: '40004',
  msg: 'Business Failed',
  sub_code: subCode,
  sub_msg: subMsg,
});
export const invalid = (subCode: string, subMsg: string) => ({
  code: '40002',
  msg: 'Invalid Arguments',
  sub_code: subCode,
  sub_msg: subMsg,
});

/** A yuan string of a payable amount (1 分 … the payment maximum) in 分, or undefined. */
export function amountOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const minor = yuanToMinor(value);
    return minor >= 1 && minor <= PaymentsLimits.paymentMaxMinor ? minor : undefined;
  } catch {
    return undefined;
  }
}
