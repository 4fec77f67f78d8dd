// Our client of Alipay cycle-pay agreements (周期扣款): the sign page is a signed URL the payer opens
// (built here, no call), then query, unsign, and charge (`alipay.trade.pay` with
// `product_code=CYCLE_PAY_AUTH` and the agreement number). Never called inside a transaction.
import type { Clock } from '@zulin/kernel';
import { alipayForm, signAlipayRequest } from './alipay-protocol';
import { minorToYuan } from './channel-amounts';
import type { ChannelGuard } from './channel-breakers';
import {
  alipayCaller,
  alipayCertParams,
  alipayTimestamp,
  type ChannelCall,
  type ChannelTrade,
} from './channel-clients';
import type { AlipaySettings } from './channel-settings';
import { channelTime } from './channel-times';
import type { PaymentChannelName } from './schema';

export interface AgreementChannelClient {
  readonly name: PaymentChannelName;
  readonly merchantId: string;
  /**
   * The page where the payer signs: Alipay's is a signed URL built here (no call); WeChat's is the
   * redirect_url its pre-entrust-sign call answers. Called outside any transaction.
   */
  signPage(request: {
    externalAgreementNo: string;
    perChargeMaxMinor: number;
    periodDays: number;
    startDate: string;
  }): Promise<ChannelCall<{ url: string }>>;
  query(
    externalAgreementNo: string,
  ): Promise<ChannelCall<{ state: 'signing' | 'active' | 'unsigned' | 'not_found'; agreementNo?: string }>>;
  unsign(agreementNo: string): Promise<ChannelCall<{ unsigned: true }>>;
  charge(request: {
    outTradeNo: string;
    agreementNo: string;
    amountMinor: number;
    description: string;
  }): Promise<ChannelCall<ChannelTrade>>;
  /**
   * The notice the payer must get before a charge (WeChat 预扣费通知), when the channel requires one:
   * the charge sweep sends it once per charge before `charge`. Alipay needs none.
   */
  preDebitNotice?(request: {
    agreementNo: string;
    amountMinor: number;
    /** The notice's deduct_duration: the deduction falls within this many days (1–3). */
    deductWithinDays?: number;
  }): Promise<ChannelCall<{ noticed: true }>>;
}

export function alipayAgreementClient(
  settings: AlipaySettings,
  clock: Clock,
  query: (outTradeNo: string) => Promise<ChannelCall<ChannelTrade>>,
  guard?: ChannelGuard,
): AgreementChannelClient {
  const call = alipayCaller(settings, clock, guard);
  return {
    name: 'alipay',
    merchantId: settings.appId,
    async signPage(request) {
      const params = signAlipayRequest(
        {
          app_id: settings.appId,
          method: 'alipay.user.agreement.page.sign',
          format: 'JSON',
          charset: 'utf-8',
          sign_type: 'RSA2',
          timestamp: alipayTimestamp(clock.now()),
          version: '1.0',
          ...alipayCertParams(settings),
          // dut_user_sign (and a later dut_user_unsign) are posted here.
          notify_url: settings.notifyUrl,
          biz_content: JSON.stringify({
            personal_product_code: 'CYCLE_PAY_AUTH_P',
            product_code: 'CYCLE_PAY_AUTH',
            sign_scene: 'INDUSTRY|DIGITAL_MEDIA',
            external_agreement_no: request.externalAgreementNo,
            access_params: { channel: 'ALIPAYAPP' },
            period_rule_params: {
              period_type: 'DAY',
              period: request.periodDays,
              execute_time: request.startDate,
              single_amount: minorToYuan(request.perChargeMaxMinor),
            },
          }),
        },
        settings.appPrivateKey,
      );
      return { outcome: 'ok', value: { url: `${settings.gateway}?${alipayForm(params)}` } };
    },
    async query(externalAgreementNo) {
      const result = await call('alipay.user.agreement.query', {
        personal_product_code: 'CYCLE_PAY_AUTH_P',
        external_agreement_no: externalAgreementNo,
      });
      if (result.outcome === 'refused' && result.code === 'USER_AGREEMENT_NOT_EXIST')
        return { outcome: 'ok', value: { state: 'not_found' } };
      if (result.outcome !== 'ok') return result;
      const status = String(result.value.status);
      return {
        outcome: 'ok',
        value: {
          state: status === 'NORMAL' ? 'active' : status === 'STOP' ? 'unsigned' : 'signing',
          agreementNo: typeof result.value.agreement_no === 'string' ? result.value.agreement_no : undefined,
        },
      };
    },
    async unsign(agreementNo) {
      const result = await call('alipay.user.agreement.unsign', {
        personal_product_code: 'CYCLE_PAY_AUTH_P',
        agreement_no: agreementNo,
      });
      if (result.outcome !== 'ok') return result;
      return { outcome: 'ok', value: { unsigned: true } };
    },
    async charge(request) {
      const result = await call('alipay.trade.pay', {
        out_trade_no: request.outTradeNo,
        total_amount: minorToYuan(request.amountMinor),
        subject: request.description,
        product_code: 'CYCLE_PAY_AUTH',
        agreement_params: { agreement_no: request.agreementNo },
      });
      // A repeated charge (our first answer was lost): ask what became of it.
      if (result.outcome === 'refused' && result.code === 'ACQ.TRADE_HAS_SUCCESS') return query(request.outTradeNo);
      // 10003: the trade exists and waits for the payer; the janitor asks about it until it ends.
      if (result.outcome === 'refused' && result.code === '10003') {
        return { outcome: 'ok', value: { state: 'open', merchantId: settings.appId } };
      }
      if (result.outcome !== 'ok') return result;
      return {
        outcome: 'ok',
        value: {
          state: 'paid',
          merchantId: settings.appId,
          amountMinor: request.amountMinor,
          channelTradeNo: String(result.value.trade_no),
          paidAt: channelTime(result.value.gmt_payment),
        },
      };
    },
  };
}
