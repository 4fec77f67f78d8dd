// Helpers other modules' tests may use (`@zulin/payments/testing`).
export { usePaymentsBaseUrl } from './channel-settings';
export {
  type CallbackPoster,
  deliverSandboxCallbacks,
  deliverSandboxCallbacksManually,
} from './deliver-sandbox-callbacks';
export { generateAlipayCertificates, sandboxKeys } from './sandbox-keys';
// The channel's side of a WeChat Pay callback: for tests and benchmarks that play the channel.
export { encryptWechatpayResource, signWechatpayMessage } from './wechatpay-protocol';
