// Worker entry (plain JS so it loads without the TypeScript loader, like h3-worker.js): decodes one
// piece of a text file (whole lines) with the platform's fatal decoder and sends it back as UTF-8
// bytes (transferred, not copied); a piece that is not valid in the encoding answers `invalid`.
import { parentPort } from 'node:worker_threads';

const encoder = new TextEncoder();

parentPort.on('message', ({ id, encoding, bytes }) => {
  try {
    const utf8 = encoder.encode(new TextDecoder(encoding, { fatal: true }).decode(bytes));
    parentPort.postMessage({ id, utf8 }, [utf8.buffer]);
  } catch {
    parentPort.postMessage({ id, invalid: true });
  }
});
