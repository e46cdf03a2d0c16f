import { useState } from 'react';
import type { EventsStatus } from '../../api/types.ts';
import { formatCount } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { Loading } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { usePageTitle } from '../../ui/usePageTitle.ts';
import { useSystemStatus, type ServiceStatus } from '../../system/useSystemStatus.ts';

const REFRESH_MS = 5000;
const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' });

/** Health and RED metrics of every service behind the gateway, with their event backlogs. */
export default function SystemPage() {
  usePageTitle('System');
  const [paused, setPaused] = useState(false);
  const status = useSystemStatus(REFRESH_MS, paused);
  const notReady = status.services.filter((s) => s.ready !== true).length;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>System</h1>
          <p className="muted">
            {paused ? 'Paused' : `Refreshes every ${REFRESH_MS / 1000} s`}
            {status.updatedAt ? ` · updated ${time.format(status.updatedAt)}` : ''}
          </p>
        </div>
        <button type="button" className="button" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume updates' : 'Pause updates'}
        </button>
      </header>
      <ProblemAlert error={status.error} />
      {status.services.length > 0 && (
        <p className="summary-line">
          {notReady === 0 ? (
            <StatusBadge status="ready" label={`All ${status.services.length} services ready`} />
          ) : (
            <StatusBadge status="not ready" label={`${notReady} of ${status.services.length} services not ready`} />
          )}
        </p>
      )}
      {status.updatedAt === null && !status.error ? (
        <Loading label="Reading service health and metrics…" />
      ) : status.services.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Services: health, request and error rates, event backlogs</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Health</th>
                <th scope="col" className="num">Replicas</th>
                <th scope="col" className="num">Request rate</th>
                <th scope="col" className="num">Error rate</th>
                <th scope="col" className="num">Mean latency</th>
                <th scope="col" className="num">Outbox lag</th>
                <th scope="col" className="num">Queue depth</th>
                <th scope="col" className="num">Dead letters</th>
              </tr>
            </thead>
            <tbody>
              {status.services.map((service) => (
                <ServiceRow key={service.name} service={service} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="hint">
        Rates are computed between two successive scrapes of <code>http_requests_total</code> and <code>http_request_errors_total</code> (5xx answers).
        Outbox lag: events committed but not yet published, and the age of the oldest. Queue depth: events waiting for and being handled by the
        service&apos;s consumer.
      </p>
    </>
  );
}

function ServiceRow({ service }: { service: ServiceStatus }) {
  const { rates } = service;
  return (
    <tr>
      <th scope="row">{service.name}</th>
      <td>
        {service.ready === null ? (
          <StatusBadge status="not ready" label="Unknown" />
        ) : (
          <StatusBadge status={service.ready ? 'ready' : 'not ready'} label={service.ready ? 'Ready' : 'Not ready'} />
        )}
        {service.ready !== true && service.readyDetail ? <span className="cell-note">{service.readyDetail}</span> : null}
      </td>
      <td className="num">
        {service.replicas.healthy}/{service.replicas.total}
      </td>
      <td className="num">{service.metricsError ? <span title={service.metricsError}>n/a</span> : rates ? `${rates.requestsPerSecond.toFixed(2)}/s` : 'measuring…'}</td>
      <td className={`num${rates && rates.errorRatio > 0.01 ? ' bad-text' : ''}`}>
        {rates ? `${(rates.errorRatio * 100).toFixed(1)} %` : '—'}
        {rates && rates.errorsPerSecond > 0 ? <span className="cell-note">{rates.errorsPerSecond.toFixed(2)}/s</span> : null}
      </td>
      <td className="num">{rates?.meanLatency != null ? `${(rates.meanLatency * 1000).toFixed(1)} ms` : '—'}</td>
      <OutboxCells events={service.events} />
    </tr>
  );
}

function OutboxCells({ events }: { events: EventsStatus | 'none' | null }) {
  if (events === null)
    return (
      <>
        <td className="num">n/a</td>
        <td className="num">n/a</td>
        <td className="num">n/a</td>
      </>
    );
  if (events === 'none')
    return (
      <>
        <td className="num">—</td>
        <td className="num">—</td>
        <td className="num">—</td>
      </>
    );
  const { outbox, queue } = events;
  return (
    <>
      <td className="num">
        {outbox ? (
          <>
            {formatCount(outbox.pending)} events
            {outbox.pending > 0 ? <span className="cell-note">oldest {outbox.oldestSeconds.toFixed(1)} s</span> : null}
          </>
        ) : (
          '—'
        )}
      </td>
      <td className="num">{queue ? `${formatCount(queue.ready + queue.unacknowledged)}${queue.unacknowledged ? ` (${queue.unacknowledged} in flight)` : ''}` : '—'}</td>
      <td className={`num${queue && queue.deadLettered > 0 ? ' bad-text' : ''}`}>{queue ? formatCount(queue.deadLettered) : '—'}</td>
    </>
  );
}
