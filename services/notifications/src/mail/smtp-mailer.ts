import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

/** Sends through an SMTP relay (`smtp://` or `smtps://` URL with credentials), with bounded waits. */
export function smtpMailer(url: string, timeoutMs: number): Mailer {
  const transport = nodemailer.createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    transport: 'smtp',
    async send(message) {
      await transport.sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw });
      return { file: null };
    },
    async close() {
      transport.close();
    },
  };
}
