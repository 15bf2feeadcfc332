/**
 * 404 and 405: a second router (find-my-way, Fastify's own) knows every path and its methods, so
 * a path that exists with another method answers 405 with Allow instead of a bare 404.
 */
import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

export function installNotFound(app: FastifyInstance): void {
  const paths = FindMyWay({ ignoreTrailingSlash: true });
  const methodsByPath = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let set = methodsByPath.get(route.url);
    if (!set) {
      set = new Set();
      methodsByPath.set(route.url, set);
      const known = set;
      try {
        paths.on('GET', route.url, () => known);
      } catch {
        // Duplicate pattern shapes (e.g. two param names at one position) are already covered.
      }
    }
    for (const m of methods) set.add(m);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const found = paths.find('GET' as HTTPMethod, path);
    const allowed = found ? (found.handler as unknown as () => Set<string>)() : undefined;
    if (allowed && allowed.size > 0 && !allowed.has(request.method)) {
      const allow = [...allowed].filter((m) => m !== 'HEAD').join(', ');
      return reply
        .code(405)
        .header('Allow', allow)
        .send({ error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here; use ${allow}` } });
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${path}` } });
  });
}
