import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.CELLPULSE_API ?? 'http://127.0.0.1:8080';
const COMPRESSIBLE = /\.(js|css|json|html|svg)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Writes `.br` and `.gz` twins of the text files over 1 KiB, which the server's static plugin serves pre-compressed.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'cellpulse-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const path of filesUnder(outDir).filter((p) => COMPRESSIBLE.test(p))) {
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(bytes));
      }
    },
  };
}

/**
 * The dashboard bundle: `npm run build:dashboard` writes `api/dashboard/dist`, which the server
 * serves at `/`. Relative asset URLs (`base: './'`) keep it working behind a path prefix; the dev
 * server (`npx vite --config api/dashboard/vite.config.ts`) forwards the API to a running server.
 */
export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // deck.gl and luma.gl make one large chunk; the page is served on a LAN, not over a phone link.
    chunkSizeWarningLimit: 2500,
  },
  server: { proxy: { '/v1': api, '/health': api } },
});
