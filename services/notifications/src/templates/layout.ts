import type { Content } from '../domain/delivery.ts';
import type { TemplateSettings } from './context.ts';
import { html, type SafeHtml } from './html.ts';

/** Wraps a message's body in the shared frame: the text with a signature, the HTML as a small document. */
export function layout(settings: TemplateSettings, subject: string, text: string[], body: SafeHtml): Content {
  return {
    subject,
    text: [...text, '', `— ${settings.shopName}`, ''].join('\n'),
    html: html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#222;max-width:640px;margin:0 auto;padding:16px">
${body}
<p style="margin-top:24px;color:#666">— ${settings.shopName}</p>
</body></html>
`.value,
  };
}
