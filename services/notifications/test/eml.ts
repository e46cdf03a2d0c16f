/** A parsed RFC 822 / MIME message: headers (lower-case names, unfolded, encoded-words decoded) and its leaf parts. */
export interface ParsedMail {
  headers: Map<string, string>;
  /** Leaf parts by content type (text/plain, text/html), decoded to strings. */
  parts: Map<string, string>;
  /** Lines of the raw message that do not end in CRLF. */
  bareLineFeeds: number;
}

/** A small independent MIME reader, enough to check what nodemailer wrote. */
export function parseEml(raw: Buffer | string): ParsedMail {
  const text = raw.toString('latin1');
  const bareLineFeeds = text.split('\n').length - 1 - (text.split('\r\n').length - 1);
  const parts = new Map<string, string>();
  const { headers } = parseEntity(text.replace(/\r\n/g, '\n'), parts);
  return { headers, parts, bareLineFeeds };
}

function parseEntity(entity: string, parts: Map<string, string>): { headers: Map<string, string> } {
  const split = entity.indexOf('\n\n');
  const head = split < 0 ? entity : entity.slice(0, split);
  const body = split < 0 ? '' : entity.slice(split + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const type = headers.get('content-type') ?? 'text/plain';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  if (mediaType.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) throw new Error('multipart without boundary');
    const sections = body.split(`--${boundary}`);
    // Skip the preamble and everything after the closing delimiter.
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      parseEntity(section.replace(/^\n/, ''), parts);
    }
  } else {
    parts.set(mediaType, decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit'));
  }
  return { headers };
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return quotedPrintable(body);
    default:
      return Buffer.from(body, 'latin1').toString('utf8');
  }
}

function quotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded-words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=); adjacent words join without the space between. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QB]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')),
    );
}
