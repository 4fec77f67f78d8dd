import { luhnCheckDigit } from '@zulin/kernel';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { imeiProblem, tacOf, withCheckDigit } from './imei';

test('a real IMEI passes and its TAC is the first 8 digits', () => {
  // The example IMEI of the GSMA's own documentation.
  expect(imeiProblem('490154203237518')).toBeNull();
  expect(tacOf('490154203237518')).toBe('49015420');
  expect(luhnCheckDigit('49015420323751')).toBe(8);
});

test('a wrong check digit or a wrong length is named', () => {
  expect(imeiProblem('490154203237519')).toBe('check_digit');
  expect(imeiProblem('49015420323751')).toBe('format');
  expect(imeiProblem('49015420323751a')).toBe('format');
});

test('changing any one digit of a valid IMEI makes it invalid', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^\d{14}$/),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 1, max: 9 }),
      (body, position, delta) => {
        const imei = withCheckDigit(body);
        expect(imeiProblem(imei)).toBeNull();
        const digit = (Number(imei[position]) + delta) % 10;
        const changed = `${imei.slice(0, position)}${digit}${imei.slice(position + 1)}`;
        expect(imeiProblem(changed)).toBe('check_digit');
      },
    ),
  );
});
