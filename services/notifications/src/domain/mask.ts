/** An email address as logs may show it: first character of the local part and the domain, e.g. `j***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

const EMAILS = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/** Masks every email address inside a text (relay error messages often quote the recipient). */
export function maskEmails(text: string): string {
  return text.replace(EMAILS, maskEmail);
}

/** A request URL with its `to` query parameter masked. */
export function maskRecipientQuery(url: string): string {
  return url.replace(/([?&]to=)([^&#]*)/g, (_, key: string, value: string) => {
    let address = '';
    try {
      address = decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      // A malformed value is masked whole.
    }
    return key + encodeURIComponent(maskEmail(address));
  });
}
