import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { ensureDebianPackage } from '@mercato/kit/runtime/debian-package.ts';
import { alertRules } from './monitoring/alerts.ts';
import { JOB, metrics } from './monitoring/metrics.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const monitoring = join(root, 'deploy/monitoring');
const PROMTOOL = '/usr/bin/promtool';

describe('monitoring: Prometheus configuration and alert rules', () => {
  before(() => ensureDebianPackage('prometheus', PROMTOOL));

  for (const file of ['prometheus-kubernetes.yml', 'prometheus-compose.yml']) {
    it(`promtool check config passes on ${file} (and the rules it loads)`, async () => {
      const { stdout } = await run(PROMTOOL, ['check', 'config', join(monitoring, file)]);
      assert.match(stdout, /SUCCESS: 1 rules? files? found|SUCCESS/);
    });
  }

  it('promtool check rules passes on alerts.yml', async () => {
    const { stdout } = await run(PROMTOOL, ['check', 'rules', join(monitoring, 'alerts.yml')]);
    assert.match(stdout, new RegExp(`SUCCESS: ${alertRules().length} rules found`));
  });

  it('fires the dead-letter, outbox and service-down alerts on the series the kit exports (promtool test rules)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mercato-rules-'));
    try {
      const series = (metric: string, labels: string, values: string) => ({ series: `${metric}{job="${JOB}",${labels}}`, values });
      const test = {
        rule_files: [join(monitoring, 'alerts.yml')],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: [
              series(metrics.deadLetters, 'service="search",instance="a"', '0 0 2 2 2'),
              series(metrics.outboxOldest, 'service="catalog",instance="b"', '0 30 90 150 210 270 330 390 450'),
              series('up', 'service="customers",instance="c"', '1 0 0 0 0'),
              series('up', 'service="catalog",instance="b"', '1 1 1 1 1'),
            ],
            alert_rule_test: [
              { eval_time: '4m', alertname: 'MercatoDeadLetters', exp_alerts: [{ exp_labels: { severity: 'warning', service: 'search' }, exp_annotations: annotations('MercatoDeadLetters', { service: 'search', value: '2' }) }] },
              { eval_time: '4m', alertname: 'MercatoServiceDown', exp_alerts: [{ exp_labels: { severity: 'critical', service: 'customers' }, exp_annotations: annotations('MercatoServiceDown', { service: 'customers' }) }] },
              { eval_time: '8m', alertname: 'MercatoOutboxLag', exp_alerts: [{ exp_labels: { severity: 'critical', service: 'catalog' }, exp_annotations: annotations('MercatoOutboxLag', { service: 'catalog', value: '7m 30s' }) }] },
              { eval_time: '4m', alertname: 'MercatoOutboxLag', exp_alerts: [] },
            ],
          },
        ],
      };
      await writeFile(join(dir, 'alerts.test.yml'), stringify(test));
      const { stdout } = await run(PROMTOOL, ['test', 'rules', join(dir, 'alerts.test.yml')]);
      assert.match(stdout, /SUCCESS/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses only metric names the kit exports', async () => {
    const exported = await kitMetricNames();
    for (const name of Object.values(metrics)) assert.ok(exported.has(name), `the kit exports no metric named ${name}`);
  });

  it('has a runbook section in docs/operations.md for every alert', async () => {
    const runbook = await readFile(join(root, 'docs/operations.md'), 'utf8');
    for (const { alert, annotations } of alertRules()) {
      assert.match(runbook, new RegExp(`^### ${alert}$`, 'm'), `no runbook section for ${alert}`);
      assert.equal(annotations.runbook_url, `docs/operations.md#${alert.toLowerCase()}`);
    }
  });
});

/** The summary and description an alert renders for the given labels (the rule's templates, filled in). */
function annotations(alert: string, values: Record<string, string>): Record<string, string> {
  const rule = alertRules().find((r) => r.alert === alert)!;
  const fill = (text: string) =>
    text
      .replaceAll('{{ $labels.service }}', values.service ?? '')
      .replaceAll('{{ $value | humanizeDuration }}', values.value ?? '')
      .replaceAll('{{ $value }}', values.value ?? '');
  return { summary: fill(rule.annotations.summary), description: fill(rule.annotations.description), runbook_url: rule.annotations.runbook_url };
}

/** Metric names registered in the kit: the string literals of every source file that uses prom-client. */
async function kitMetricNames(): Promise<Set<string>> {
  const names = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await visit(path);
      else if (entry.name.endsWith('.ts')) {
        const source = await readFile(path, 'utf8');
        if (!source.includes("from 'prom-client'")) continue;
        for (const [, name] of source.matchAll(/'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'/g)) names.add(name!);
      }
    }
  };
  await visit(join(root, 'packages/kit/src'));
  return names;
}
