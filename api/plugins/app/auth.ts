import { CellpulseError } from '../../../domain/errors.js';
import { ApiKeyRing } from './api-key-ring.js';
import { sharedPlugin } from './shared-plugin.js';

/**
 * API keys from the `x-api-key` header: write routes always need one, read routes only when
 * `readKeysRequired` is set; public routes (health, docs, dashboard) never do.
 */
export const authPlugin = sharedPlugin('cellpulse-auth', async (app) => {
  const ring = new ApiKeyRing(app.config.apiKeys);
  if (ring.size === 0)
    app.log.warn('no API keys configured (CELLPULSE_API_KEYS): write routes will refuse every request');
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? 'public';
    if (access === 'public' || (access === 'read' && !app.config.readKeysRequired)) return;
    const header = request.headers['x-api-key'];
    const keyId = ring.identify(Array.isArray(header) ? header[0] : header);
    if (keyId === undefined) {
      throw new CellpulseError(
        'unauthorized',
        header === undefined ? 'this route needs an API key in the x-api-key header' : 'unknown API key',
      );
    }
    request.apiKeyId = keyId;
  });
});
