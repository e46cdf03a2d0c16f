import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

/**
 * Writes each message as an RFC 822 `.eml` file (CRLF line ends) named after its delivery, through
 * nodemailer's stream transport: for development and installations without a relay. A file is
 * written under a temporary name and renamed, so a reader never sees half a message.
 */
export function fileMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    transport: 'file',
    async send(message) {
      const info = await transport.sendMail({ envelope: { from: message.from, to: [message.to] }, raw: message.raw });
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${message.deliveryId}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { file };
    },
    async close() {
      transport.close();
    },
  };
}
