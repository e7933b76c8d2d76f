import type { FastifyInstance } from 'fastify';
import { NotFound } from '../../../platform/http/errors.ts';
import { queryText } from '../../../platform/http/input.ts';
import { t } from '../../../platform/i18n/index.ts';
import { findVillage, titleCase } from '../../regions/service.ts';
import { getService, listCatalog } from '../service.ts';
import { CatalogPage, ServicePage } from '../views/resident.tsx';

/** The public catalog: what a village offers and what each service asks for. */
export async function publicRoutes(app: FastifyInstance): Promise<void> {
  const page = { schema: { hide: true } };

  app.get('/layanan', page, async (request, reply) => {
    const q = queryText(request);
    const actor = request.ctx.actor;
    const villageCode = actor?.kind === 'resident' ? actor.villageCode : q.desa;
    const village = villageCode ? await findVillage(request.ctx, villageCode) : null;
    const entries = await listCatalog(request.ctx, { villageCode: village?.code });
    return reply.page(
      <CatalogPage
        entries={entries}
        villageName={village ? `Desa ${titleCase(village.name)}` : null}
        villageCode={village?.code ?? null}
        loggedIn={actor?.kind === 'resident'}
        query={(q.q ?? '').slice(0, 100)}
        group={q.kelompok ?? ''}
      />,
    );
  });

  app.get('/layanan/:slug', page, async (request, reply) => {
    const service = await getService(request.ctx, (request.params as { slug: string }).slug);
    if (!service.active) throw new NotFound(t('services.error.notFound'));
    return reply.page(<ServicePage definition={service.definition} version={service.version} />);
  });
}
