/**
 * The public z-score contract: GET /api/v1/health/zscore. No personal data goes in or out (sex,
 * age and measurements only), so it needs no login; bad input is a 400 problem+json from the
 * schema (the platform's error handler turns AJV's errors into Indonesian field messages).
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { ProblemSchema } from '../../../platform/http/problem.ts';
import { assessGrowth, MAX_AGE_DAYS } from './assess.ts';

/** Sane bounds: beyond them no child 0–5 years is measured (±6 SD spans about 38–138 cm, 1–40 kg). */
export const HEIGHT_RANGE_CM = { minimum: 30, maximum: 150 } as const;
export const WEIGHT_RANGE_KG = { minimum: 0.5, maximum: 80 } as const;

const Query = Type.Object({
  sex: Type.Integer({ minimum: 1, maximum: 2, description: 'WHO coding: 1 laki-laki, 2 perempuan' }),
  ageDays: Type.Integer({
    minimum: 0,
    maximum: MAX_AGE_DAYS,
    description: 'whole days from birth to measurement (0–1856, the WHO daily tables)',
  }),
  heightCm: Type.Optional(Type.Number({ ...HEIGHT_RANGE_CM, description: 'length or height as measured' })),
  weightKg: Type.Optional(Type.Number(WEIGHT_RANGE_KG)),
  position: Type.Optional(
    Type.Union([Type.Literal('lying'), Type.Literal('standing')], {
      description: 'how the length/height was measured; the 0.7 cm correction follows from it',
    }),
  ),
  oedema: Type.Optional(Type.Boolean({ description: 'bilateral pitting oedema: no weight-based z-score' })),
});

const z = () => Type.Union([Type.Number(), Type.Null()]);
const category = (values: readonly string[]) =>
  Type.Union([...values.map((v) => Type.Literal(v)), Type.Null()]);

const Result = Type.Object({
  haz: z(),
  waz: z(),
  whz: z(),
  categories: Type.Object({
    heightForAge: category(['sangat_pendek', 'pendek', 'normal', 'tinggi']),
    weightForAge: category(['sangat_kurang', 'kurang', 'normal', 'risiko_lebih']),
    weightForHeight: category([
      'gizi_buruk',
      'gizi_kurang',
      'gizi_baik',
      'berisiko_gizi_lebih',
      'gizi_lebih',
      'obesitas',
    ]),
  }),
  correctedHeightCm: z(),
  flags: Type.Array(Type.String()),
});

export const zscoreApi: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/v1/health/zscore',
    {
      schema: {
        tags: ['kesehatan'],
        summary: 'WHO Child Growth Standards z-scores and Permenkes 2/2020 categories',
        description:
          'Length/height-for-age, weight-for-age and weight-for-length/height z-scores by the LMS method on the WHO daily tables, rounded to 2 decimals; null where not computable.',
        querystring: Query,
        response: { 200: Result, 400: ProblemSchema },
      },
    },
    async (request) => {
      const q = request.query as Static<typeof Query>;
      const { haz, waz, whz, categories, correctedHeightCm, flags } = assessGrowth({
        sex: q.sex === 1 ? 1 : 2,
        ageDays: q.ageDays,
        heightCm: q.heightCm ?? null,
        weightKg: q.weightKg ?? null,
        position: q.position ?? null,
        oedema: q.oedema ?? false,
      });
      return { haz, waz, whz, categories, correctedHeightCm, flags };
    },
  );
};
