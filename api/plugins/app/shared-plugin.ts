import type { FastifyInstance, FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/**
 * Marks a plugin as not encapsulated, so its decorators and hooks reach the routes registered
 * beside it (what fastify-plugin does, through the `skip-override` property fastify documents
 * in Reference/Plugins; fastify-plugin itself is not a direct dependency of cellpulse).
 */
export function sharedPlugin<Options extends FastifyPluginOptions>(
  name: string,
  plugin: (app: FastifyInstance, options: Options) => Promise<void>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: name,
  }) as FastifyPluginAsync<Options>;
}
