import { useEffect, useRef, useState } from 'react';
import { api, request } from '../api/http.ts';
import { ApiError } from '../api/problem.ts';
import type { EventsStatus } from '../api/types.ts';
import { parseScrape, ratesBetween, type Rates, type Scrape } from './prometheus.ts';

export interface ServiceStatus {
  name: string;
  replicas: { healthy: number; total: number };
  /** null: the probe itself failed (network, gateway). */
  ready: boolean | null;
  readyDetail: string;
  /** null until two scrapes exist. */
  rates: Rates | null;
  metricsError: string | null;
  /** 'none' when the service has no event routes. */
  events: EventsStatus | 'none' | null;
}

export interface SystemStatus {
  services: ServiceStatus[];
  updatedAt: number | null;
  error: unknown;
}

interface ServicesAnswer {
  services: Array<{ name: string; replicas: Array<{ url: string; healthy: boolean }> }>;
}

async function readiness(name: string): Promise<{ ready: boolean | null; detail: string }> {
  try {
    const response = await fetch(`/services/${encodeURIComponent(name)}/health/ready`, { headers: { accept: 'application/json' } });
    const body = (await response.json().catch(() => ({}))) as { status?: string; checks?: Record<string, string>; detail?: string };
    const failing = Object.entries(body.checks ?? {}).filter(([, state]) => state !== 'up');
    return { ready: response.ok, detail: failing.length ? failing.map(([check, state]) => `${check}: ${state}`).join(', ') : (body.detail ?? body.status ?? '') };
  } catch (error) {
    return { ready: null, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Polls the gateway's operational views every `intervalMs` while the page is visible and not paused:
 * readiness, Prometheus counters (rates need two successive scrapes) and the outbox/queue status.
 */
export function useSystemStatus(intervalMs: number, paused: boolean): SystemStatus {
  const [status, setStatus] = useState<SystemStatus>({ services: [], updatedAt: null, error: undefined });
  const scrapes = useRef(new Map<string, Scrape>());
  const withoutEvents = useRef(new Set<string>());

  useEffect(() => {
    if (paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const scrapeOne = async (name: string, replicas: ServicesAnswer['services'][number]['replicas']): Promise<ServiceStatus> => {
      const [health, metrics, events] = await Promise.all([
        readiness(name),
        request(`/services/${encodeURIComponent(name)}/metrics`).then(
          async (response) => parseScrape(await response.text(), Date.now()),
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
        withoutEvents.current.has(name)
          ? Promise.resolve<'none'>('none')
          : api<EventsStatus>(`/api/${encodeURIComponent(name)}/events/status`).catch((error: unknown) => {
              if (error instanceof ApiError && error.status === 404) {
                withoutEvents.current.add(name);
                return 'none' as const;
              }
              return null;
            }),
      ]);
      let rates: Rates | null = null;
      if (typeof metrics !== 'string') {
        rates = ratesBetween(scrapes.current.get(name), metrics);
        scrapes.current.set(name, metrics);
      }
      return {
        name,
        replicas: { healthy: replicas.filter((r) => r.healthy).length, total: replicas.length },
        ready: health.ready,
        readyDetail: health.detail,
        rates,
        metricsError: typeof metrics === 'string' ? metrics : null,
        events,
      };
    };

    const tick = async () => {
      if (document.visibilityState === 'visible') {
        try {
          const answer = await api<ServicesAnswer>('/services');
          const services = await Promise.all(answer.services.map((s) => scrapeOne(s.name, s.replicas)));
          if (!stopped) setStatus({ services, updatedAt: Date.now(), error: undefined });
        } catch (error) {
          if (!stopped) setStatus((s) => ({ ...s, error }));
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [intervalMs, paused]);

  return status;
}
