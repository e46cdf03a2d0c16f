import { createServer, type Server, type Socket } from 'node:net';

/** A message an SMTP client handed over. */
export interface Received {
  from: string;
  to: string[];
  data: string;
}

/**
 * Just enough of an SMTP server (RFC 5321: EHLO, MAIL, RCPT, DATA, RSET, QUIT; no TLS, no auth) to
 * check what the SMTP transport sends. `rejectRecipients` answers RCPT with a temporary failure.
 */
export class TinySmtpServer {
  readonly received: Received[] = [];
  rejectRecipients = 0;
  private server: Server | undefined;

  async start(): Promise<number> {
    this.server = createServer((socket) => this.session(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private session(socket: Socket): void {
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 tiny.test ESMTP');
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          this.received.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') reply('250-tiny.test\r\n250 8BITMIME');
        else if (verb === 'MAIL') (current.from = /<([^>]*)>/.exec(line)?.[1] ?? ''), reply('250 2.1.0 ok');
        else if (verb === 'RCPT') {
          const to = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (this.rejectRecipients > 0) this.rejectRecipients--, reply(`450 4.2.1 <${to}>: mailbox busy`);
          else current.to.push(to), reply('250 2.1.5 ok');
        } else if (verb === 'DATA') (inData = true), reply('354 go ahead');
        else if (verb === 'RSET') (current = { from: '', to: [], data: '' }), reply('250 2.0.0 ok');
        else if (verb === 'QUIT') reply('221 2.0.0 bye'), socket.end();
        else reply('502 5.5.2 not implemented');
      }
    });
  }
}
