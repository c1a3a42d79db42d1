import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTmpDir, removeDir } from '../../helpers/tmp-db.js';
import { burst, post, serveFile, type FileServer } from './alert-fixture.js';

const BINARY = '/usr/bin/prometheus-alertmanager';
const present = existsSync(BINARY);
if (!present && !process.env.CI)
  console.warn(`${BINARY} is missing (apt-get install prometheus-alertmanager): Alertmanager test skipped`);

/** A free loopback port (Alertmanager takes a port, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  status: { state: string };
}

async function until<T>(read: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// Under CI the binary is installed by .ci/run: missing, the test must fail rather than skip.
describe.runIf(present || process.env.CI)('Prometheus Alertmanager (the Debian package, on a loopback port)', () => {
  let dir: string;
  let am: ChildProcess;
  let amUrl: string;
  let api: FileServer;
  beforeAll(async () => {
    expect(existsSync(BINARY), `${BINARY} missing: apt-get install -y prometheus-alertmanager`).toBe(true);
    dir = makeTmpDir('cellpulse-am-');
    writeFileSync(`${dir}/alertmanager.yml`, 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    am = spawn(
      BINARY,
      [
        `--config.file=${dir}/alertmanager.yml`,
        `--storage.path=${dir}/am-data`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    );
    await until(
      async () => ((await fetch(`${amUrl}/-/ready`)).ok ? true : undefined),
      20_000,
      'Alertmanager to be ready',
    );
    api = await serveFile(`${dir}/am.duckdb`, { alertmanagerUrl: amUrl, alertmanagerResendMs: 500 });
  }, 30_000);
  afterAll(async () => {
    await api?.close();
    // Alertmanager writes its data directory while it stops: remove it only once the process is gone.
    if (am && am.exitCode === null && am.signalCode === null) {
      const exited = once(am, 'exit');
      am.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    if (dir) removeDir(dir);
  });

  const alertsOf = async (id: string): Promise<AmAlert[]> =>
    ((await (await fetch(`${amUrl}/api/v2/alerts`)).json()) as AmAlert[]).filter((a) => a.labels.incident_id === id);

  it('receives an open incident with the labels of SPEC §10 and sees it resolved after /resolve', async () => {
    const incident = (await post(`${api.url}/v1/complaints`, burst('M', '2024-09-05T10:00:00Z', 'no_signal'))).body
      .incidents[0];
    const [alert] = await until(
      async () => {
        const found = await alertsOf(incident.incident_id);
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'the alert in Alertmanager',
    );
    expect(alert!.labels).toEqual({
      alertname: 'MajorComplaintCluster',
      incident_id: incident.incident_id,
      category: 'no_signal',
      city: 'Hangzhou',
      severity: 'critical',
    });
    expect(alert!.annotations.summary).toContain('6 no_signal complaints in Hangzhou');
    expect(alert!.annotations.description).toContain('handling new');
    expect(Date.parse(alert!.startsAt)).toBe(Date.parse(incident.start));
    expect(alert!.generatorURL).toBe(`${api.url}/v1/incidents/${incident.incident_id}`);
    expect(alert!.status.state).toBe('active');

    expect(
      (await post(`${api.url}/v1/incidents/${incident.incident_id}/resolve`, { by: 'noc', root_cause: 'fault' }))
        .status,
    ).toBe(200);
    await until(
      async () => ((await alertsOf(incident.incident_id)).length === 0 ? true : undefined),
      10_000,
      'the alert to be resolved',
    );
    // Re-sending goes on for firing alerts only: the resolved one stays resolved.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await alertsOf(incident.incident_id)).toEqual([]);
  }, 30_000);
});
