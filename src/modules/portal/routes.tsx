import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendCacheable } from '../../platform/http/cache.ts';
import { queryText } from '../../platform/http/input.ts';
import type { SafeHtml } from '../../platform/ui/jsx-runtime.ts';
import { findVillage, listVillages, villageKey } from '../regions/service.ts';
import { kecamatanPage, portal, sitemap, villageHome } from './service.ts';
import { renderRobots, renderSitemap } from './sitemap.ts';
import { HomePage, KecamatanView, VillageNotFoundPage } from './views/home.tsx';
import { VillagePage } from './views/village.tsx';
import './messages.ts';

/**
 * The address the world knows this installation by: `PUBLIC_URL` when it is set, otherwise the
 * host the request came to (behind a proxy with TRUST_PROXY, the forwarded one).
 */
export function publicBase(request: FastifyRequest): string {
  const { publicUrl, host, port } = request.ctx.config;
  if (publicUrl !== `http://${host}:${port}`) return publicUrl;
  return `${request.protocol}://${request.host}`;
}

function page(request: FastifyRequest, reply: FastifyReply, node: SafeHtml, status = 200): FastifyReply {
  return sendCacheable(request, reply, `<!doctype html>${node.html}`, { status });
}

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const hidden = { schema: { hide: true } };

  app.get('/', hidden, async (request, reply) => {
    const search = (queryText(request).cari ?? '').trim().slice(0, 60);
    const data = await portal(request.ctx, search);
    return page(request, reply, <HomePage portal={data} canonical={`${publicBase(request)}/`} />);
  });

  app.get('/desa/:code', hidden, async (request, reply) => {
    const { code } = request.params as { code: string };
    const village = await findVillage(request.ctx, code);
    if (!village) {
      // a mistyped name gets the villages whose names come close, and a search box
      const term = villageKey(code).replace(/-/g, ' ').slice(0, 60);
      const suggestions = term ? await listVillages(request.ctx, { search: term }) : [];
      return page(
        request,
        reply,
        <VillageNotFoundPage asked={code} term={term} suggestions={suggestions.slice(0, 12)} />,
        404,
      );
    }
    // a readable slug (/desa/Kramatwatu, /desa/kramatwatu) redirects to the one canonical address
    if (village.code !== code) return reply.redirect(`/desa/${village.code}`, 301);
    const home = await villageHome(request.ctx, village);
    const base = publicBase(request);
    const image = home.news.find((n) => n.image)?.image?.src;
    return page(
      request,
      reply,
      <VillagePage
        home={home}
        canonical={`${base}/desa/${village.code}`}
        image={image ? new URL(image, base).href : undefined}
      />,
    );
  });

  app.get('/kecamatan/:code', hidden, async (request, reply) => {
    const { code } = request.params as { code: string };
    const data = await kecamatanPage(request.ctx, code);
    return page(
      request,
      reply,
      <KecamatanView page={data} canonical={`${publicBase(request)}/kecamatan/${code}`} />,
    );
  });

  app.get('/sitemap.xml', hidden, async (request, reply) => {
    const lines = await sitemap(request.ctx);
    return sendCacheable(request, reply, renderSitemap(publicBase(request), lines), {
      type: 'application/xml; charset=utf-8',
    });
  });

  app.get('/robots.txt', hidden, async (request, reply) =>
    sendCacheable(request, reply, renderRobots(publicBase(request)), { type: 'text/plain; charset=utf-8' }),
  );
}
