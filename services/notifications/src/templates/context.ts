import { formatMoney } from '@mercato/kit';

/** What every template needs besides the event: the shop's name and the locale for money and dates. */
export interface TemplateSettings {
  shopName: string;
  locale: string;
}

/** Formatting bound to one message's currency and locale. */
export interface Formatter {
  money(minor: number): string;
  date(iso: string): string;
}

export function formatter(settings: TemplateSettings, currency: string): Formatter {
  const dates = new Intl.DateTimeFormat(settings.locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    money: (minor) => formatMoney(minor, currency, settings.locale),
    date: (iso) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? iso : dates.format(at);
    },
  };
}

/** A header value on one line (event data could carry line breaks). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
