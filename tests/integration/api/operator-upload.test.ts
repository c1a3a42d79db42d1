import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFixture, WRITE_KEY, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture();
});
afterAll(async () => {
  await api.stop();
});

function upload(bytes: Buffer, name: string, query = ''): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${api.url}/v1/ingest/complaints${query}`, {
    method: 'POST',
    body: form,
    headers: { 'x-api-key': WRITE_KEY },
  });
}

const ZH =
  '工单号,受理时间,地市,投诉类型,网络制式\nUP-1,2026年10月5日 10:00,Wenzhou,掉话,4G\nUP-2,2026/10/5 10:10,Wenzhou,弱覆盖,5G\n';
/** Mostly ASCII: too little Chinese to tell GBK from other encodings. */
const SHORT = 'complaint_id,received_at,city,category,technology\nUP-3,2026-10-05 10:20,Wenzhou,掉话,4G\n';

describe('POST /v1/ingest/{kind} with operator files', () => {
  it('a GBK CSV with Chinese headers and values is detected and stored with canonical values', async () => {
    const response = await upload(iconv.encode(ZH, 'gbk'), 'zh.csv');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: 'complaints', source: 'zh.csv', accepted: 2, rejected: 0 });
    const stored = await api.db.all(
      `SELECT complaint_id, category, technology FROM complaints WHERE complaint_id IN ('UP-1', 'UP-2') ORDER BY 1`,
    );
    expect(stored).toEqual([
      { complaint_id: 'UP-1', category: 'call_drop', technology: 'LTE' },
      { complaint_id: 'UP-2', category: 'weak_coverage', technology: 'NR' },
    ]);
  });

  it('an ambiguous GBK file is refused (422, naming ?encoding=) and read with ?encoding=gb18030', async () => {
    const gbk = iconv.encode(SHORT, 'gbk');
    const refused = await upload(gbk, 'short.csv');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      code: 'refused_file',
      message: expect.stringContaining('?encoding=gb18030'),
    });
    const response = await upload(gbk, 'short.csv', '?encoding=gb18030');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await api.db.all(`SELECT category FROM complaints WHERE complaint_id = 'UP-3'`)).toEqual([
      { category: 'call_drop' },
    ]);
  });

  it('an unknown encoding is a 400', async () => {
    expect((await upload(Buffer.from(SHORT), 'zh.csv', '?encoding=big5')).status).toBe(400);
  });
});
