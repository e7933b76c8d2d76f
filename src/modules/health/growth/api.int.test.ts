import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../testing.ts';
import { assessGrowth } from './assess.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/health/zscore?${query}` });

describe('GET /api/v1/health/zscore', () => {
  it('answers anyone with the z-scores and categories of assessGrowth', async () => {
    const response = await get('sex=1&ageDays=730&heightCm=85&weightKg=11&position=standing');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const expected = assessGrowth({ sex: 1, ageDays: 730, heightCm: 85, weightKg: 11, position: 'standing' });
    expect(response.json()).toEqual({
      haz: expected.haz,
      waz: expected.waz,
      whz: expected.whz,
      categories: expected.categories,
      correctedHeightCm: 85.7,
      flags: [],
    });
    expect(expected.haz).not.toBeNull();
  });

  it('gives null for what the input does not allow to compute', async () => {
    const onlyWeight = (await get('sex=2&ageDays=400&weightKg=9')).json();
    expect(onlyWeight.haz).toBeNull();
    expect(onlyWeight.whz).toBeNull();
    expect(onlyWeight.waz).toEqual(expect.any(Number));
    expect(onlyWeight.categories.heightForAge).toBeNull();

    const oedema = (await get('sex=2&ageDays=400&weightKg=9&heightCm=75&oedema=true')).json();
    expect(oedema).toMatchObject({ waz: null, whz: null, categories: { weightForAge: null } });
    expect(oedema.haz).toEqual(expect.any(Number));

    const outOfTable = (await get('sex=1&ageDays=800&heightCm=65.5&weightKg=7&position=lying')).json();
    expect(outOfTable.whz).toBeNull();
    expect(outOfTable.flags).toContain('height_out_of_table');
  });

  it('refuses bad input with a 400 problem+json naming the field', async () => {
    const bad: Array<[string, string]> = [
      ['sex=3&ageDays=10', 'sex'],
      ['sex=0&ageDays=10', 'sex'],
      ['sex=laki&ageDays=10', 'sex'],
      ['ageDays=10', 'sex'],
      ['sex=1&ageDays=-1', 'ageDays'],
      ['sex=1&ageDays=1857', 'ageDays'],
      ['sex=1&ageDays=12.5', 'ageDays'],
      ['sex=1', 'ageDays'],
      ['sex=1&ageDays=10&heightCm=abc', 'heightCm'],
      ['sex=1&ageDays=10&heightCm=10', 'heightCm'],
      ['sex=1&ageDays=10&heightCm=400', 'heightCm'],
      ['sex=1&ageDays=10&weightKg=0', 'weightKg'],
      ['sex=1&ageDays=10&weightKg=-3', 'weightKg'],
      ['sex=1&ageDays=10&weightKg=500', 'weightKg'],
      ['sex=1&ageDays=10&weightKg=6%2C1', 'weightKg'],
      ['sex=1&ageDays=10&heightCm=50&position=sitting', 'position'],
    ];
    for (const [query, field] of bad) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type'], query).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.status, query).toBe(400);
      expect(Object.keys(problem.errors ?? {}), query).toContain(field);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    const operation = doc.paths['/api/v1/health/zscore']?.get;
    expect(operation).toBeDefined();
    const names = (operation.parameters as Array<{ name: string; in: string }>).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['sex', 'ageDays', 'heightCm', 'weightKg', 'position']));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400']));
  });
});
