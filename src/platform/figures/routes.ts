import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { onReplica } from '../db/replica.ts';
import { Unauthenticated } from '../http/errors.ts';
import { ProblemSchema } from '../http/problem.ts';
import { type FigureSource, homeRegion, readFigures } from './index.ts';

const Problem = ProblemSchema;

const FigureBody = Type.Object({
  name: Type.String(),
  module: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  asOf: Type.String({ format: 'date-time' }),
});

/** `GET /api/v1/figures?region=CODE`: the figures every module publishes, for dashboards. */
export async function figureRoutes(
  app: FastifyInstance,
  options: { sources: readonly FigureSource[] },
): Promise<void> {
  app.get(
    '/api/v1/figures',
    {
      schema: {
        tags: ['angka'],
        summary: 'Figures of a region (village, kecamatan or the regency) within your scope',
        security: [{ bearer: [] }, { session: [] }],
        querystring: Type.Object({
          region: Type.Optional(Type.String({ maxLength: 20 })),
          name: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: {
          200: Type.Object({
            region: Type.String(),
            level: Type.String(),
            figures: Type.Array(FigureBody),
          }),
          401: Problem,
          403: Problem,
          404: Problem,
          422: Problem,
        },
      },
    },
    async (request) => {
      if (!request.ctx.actor) throw new Unauthenticated();
      const query = request.query as { region?: string; name?: string };
      const names = query.name
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const region = query.region || homeRegion(request.ctx);
      const result = await onReplica(request.ctx, (reads) =>
        readFigures(reads, options.sources, region, { names }),
      );
      return { ...result, figures: result.figures.map((f) => ({ ...f, asOf: f.asOf.toISOString() })) };
    },
  );
}
