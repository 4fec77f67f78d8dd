import { expect, test } from 'vitest';
import { conditionOfGrade, gradeFits, gradesFitting, skuConditions } from './grade-fit';
import { unitGrades } from './schema';

test('a grade fits one condition: new ↔ 全新, A ↔ 99新, B ↔ 95新; C and D fit none', () => {
  expect(Object.fromEntries(unitGrades.map((g) => [g, conditionOfGrade(g)]))).toEqual({
    new: 'new',
    A: 'used_99',
    B: 'used_95',
    C: null,
    D: null,
  });
  expect(Object.fromEntries(skuConditions.map((c) => [c, gradesFitting(c)]))).toEqual({
    new: ['new'],
    used_99: ['A'],
    used_95: ['B'],
  });
  expect(gradeFits('A', 'new')).toBe(false);
  expect(gradeFits('A', 'used_99')).toBe(true);
  expect(skuConditions.some((c) => gradeFits('C', c) || gradeFits('D', c))).toBe(false);
  // Every grade-to-condition answer agrees with the list of grades fitting that condition.
  for (const g of unitGrades) for (const c of skuConditions) expect(gradeFits(g, c)).toBe(gradesFitting(c).includes(g));
});
