// A cancel reason read back for the console (issue #18): a system code, what someone typed, and the
// English sentences stored before the codes, read as their codes.
import { expect, test } from 'vitest';
import { cancelReasonCodes, readCancelReason, systemCancelReason, typedCancelReason } from './cancel-reasons';

test('a system reason is stored as its code and read back as that code', () => {
  for (const code of cancelReasonCodes) {
    expect(systemCancelReason(code)).toBe(`code:${code}`);
    expect(readCancelReason(systemCancelReason(code))).toEqual({ code, text: null });
  }
});

test('what staff or a customer typed stays as typed, even when it looks like a code', () => {
  expect(readCancelReason('客户来电取消')).toEqual({ code: null, text: '客户来电取消' });
  expect(readCancelReason('unpaid_expired')).toEqual({ code: null, text: 'unpaid_expired' });
  expect(readCancelReason('code:not_a_code')).toEqual({ code: null, text: 'code:not_a_code' });
  expect(readCancelReason(null)).toBeNull();
});

test('the English the system wrote before the codes is read as its code', () => {
  expect(readCancelReason('expired: not signed and paid by the deadline')).toEqual({
    code: 'unpaid_expired',
    text: null,
  });
  expect(readCancelReason('customer cancelled')).toEqual({ code: 'customer_cancelled', text: null });
  expect(readCancelReason('parcel SF1234567890 lost in transit')).toEqual({ code: 'parcel_lost', text: null });
  expect(readCancelReason('parcel SF1234567890 returned undelivered')).toEqual({
    code: 'parcel_returned',
    text: null,
  });
  expect(readCancelReason('parcel lost in transit, said the customer')).toEqual({
    code: null,
    text: 'parcel lost in transit, said the customer',
  });
});

test('a typed reason that reads like a code or like the English of the time is stored so that it reads back as typed', () => {
  for (const typed of [
    'code:parcel_lost',
    'code:customer_cancelled',
    'customer cancelled',
    'parcel SF1 lost in transit',
    'text:already escaped',
    '客户来电取消',
  ]) {
    expect(readCancelReason(typedCancelReason(typed))).toEqual({ code: null, text: typed });
  }
  // Only what needs it is changed: a plain typed reason is stored as typed.
  expect(typedCancelReason('客户来电取消')).toBe('客户来电取消');
  // The system's codes still read as codes.
  expect(readCancelReason(systemCancelReason('parcel_lost'))).toEqual({ code: 'parcel_lost', text: null });
});
