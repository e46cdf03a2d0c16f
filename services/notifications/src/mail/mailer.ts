/** A message ready to go: the envelope and the RFC 822 bytes. */
export interface OutgoingMessage {
  deliveryId: string;
  from: string;
  to: string;
  raw: Buffer;
}

/** What a transport reports for a message it accepted. */
export interface Receipt {
  /** The .eml file the message was written to (file transport only). */
  file: string | null;
}

/** A way to send messages; a rejected promise is a failed attempt (the sender retries it). */
export interface Mailer {
  /** `smtp` or `file`, for logs and readiness. */
  readonly transport: string;
  send(message: OutgoingMessage): Promise<Receipt>;
  close(): Promise<void>;
}
