import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino, type Logger } from 'pino';
import type { Database } from '../store/database.js';
import serviceApp from './app.js';
import { serverConfigFromEnv, type ServerConfigInput } from './schemas/server-config.js';

export interface ServerOptions {
  /** An open database; the server closes it when it shuts down. */
  db: Database;
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Settings over those of the `CELLPULSE_*` environment variables. */
  config?: ServerConfigInput;
  logger?: Logger;
  /** Shut down gracefully on SIGTERM and SIGINT (default true; tests turn it off). */
  handleSignals?: boolean;
  /** Longest wait for in-flight requests on shutdown before the process exits anyway. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** Stops accepting, finishes in-flight requests, ends alert streams, then closes the database. */
  close: () => Promise<void>;
}

/** A structured JSON logger; API keys are never written, whatever gets logged. */
export function createLogger(level = process.env.CELLPULSE_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'cellpulse' },
    redact: { paths: ['req.headers["x-api-key"]', 'headers["x-api-key"]'], censor: '[redacted]' },
  });
}

/** Builds the fastify server around `db` without listening (for `inject` and for `startServer`). */
export async function buildServer(options: Pick<ServerOptions, 'db' | 'config' | 'logger'>): Promise<FastifyInstance> {
  const config = serverConfigFromEnv(process.env, options.config);
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger()) as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    // Idle keep-alive sockets are closed at shutdown; busy ones finish their request first.
    forceCloseConnections: 'idle',
    requestIdHeader: 'x-request-id',
    // Replaced by one line per request (plugins/app/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  // A server must not let one slow read hold a connection for ever; the CLI and reports may wait.
  options.db.setQueryTimeout(config.queryTimeoutMs);
  await app.register(serviceApp, { db: options.db, config });
  await app.ready();
  return app;
}

/**
 * Starts the API on `host:port` (default 127.0.0.1:8080) and, unless told otherwise, shuts it
 * down gracefully on SIGTERM/SIGINT: stop accepting, finish in-flight requests, close DuckDB.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildServer(options);
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  const sockets = trackSockets(app.server);
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const sweep = setInterval(sockets.destroyIdle, 100);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
      await options.db.close();
    })();
    return closing;
  };
  if (options.handleSignals ?? true) handleSignals(app, close, options.shutdownGraceMs ?? 10_000);
  return { app, url: address, close };
}

/**
 * Knows which sockets carry a request in flight. Node's own idle-connection cleanup misses a
 * socket that was opened but never sent a request (browsers and HTTP clients pre-connect), which
 * would hold a shutdown until its timeout; this one closes every socket with nothing in flight.
 */
function trackSockets(server: Server): { destroyIdle: () => void } {
  const open = new Set<Socket>();
  const busy = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    busy.add(request.socket);
    response.once('close', () => busy.delete(request.socket));
  });
  return { destroyIdle: () => open.forEach((socket) => busy.has(socket) || socket.destroy()) };
}

function handleSignals(app: FastifyInstance, close: () => Promise<void>, graceMs: number): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'shutting down');
    process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
    // A second signal, or a request that never ends, must not keep the process alive forever.
    const force = (): never => process.exit(1);
    process.once('SIGTERM', force).once('SIGINT', force);
    setTimeout(() => {
      app.log.error({ graceMs }, 'shutdown took too long; exiting');
      force();
    }, graceMs).unref();
    close()
      .then(
        () => app.log.info('stopped'),
        (error: unknown) => {
          app.log.error({ err: error }, 'shutdown failed');
          process.exitCode = 1;
        },
      )
      .finally(() => process.off('SIGTERM', force).off('SIGINT', force));
  };
  process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
}
