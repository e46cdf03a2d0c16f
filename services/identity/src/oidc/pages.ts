/** Server-rendered pages of the OpenID provider: sign-in, sign-out and errors. Plain, accessible HTML. */

const STYLE = `body{font-family:system-ui,sans-serif;background:#f6f6f4;color:#1b1b1b;margin:0}
main{max-width:24rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1rem}label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{box-sizing:border-box;width:100%;padding:.6rem;font-size:1rem;border:1px solid #767676;border-radius:4px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;font-weight:600;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
button.secondary{background:#e5e7eb;color:#111}[role=alert]{margin:0 0 1rem;padding:.75rem;border-radius:4px;background:#fde8e8;color:#8a1c1c}`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Wraps page content in the common layout. */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Mercato</title>
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/** What the sign-in page shows. */
export interface LoginPage {
  action: string;
  clientName: string;
  email?: string;
  error?: string;
}

/** The sign-in form: two labelled fields and one button. */
export function loginPage(page: LoginPage): string {
  const alert = page.error ? `<p role="alert" id="login-error">${escapeHtml(page.error)}</p>` : '';
  const described = page.error ? ' aria-describedby="login-error"' : '';
  return layout(
    'Sign in',
    `<h1>Sign in to ${escapeHtml(page.clientName)}</h1>
${alert}<form method="post" action="${escapeHtml(page.action)}" novalidate>
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(page.email ?? '')}"${described}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** An error page (the details are the OAuth error and its description, both safe to show). */
export function errorPage(details: object): string {
  const rows = Object.entries(details)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return layout('Something went wrong', `<h1>Something went wrong</h1><dl>${rows}</dl>`);
}

/** The sign-out confirmation; `form` is the provider's hidden form (with its XSRF token). */
export function logoutPage(form: string, host: string): string {
  return layout(
    'Sign out',
    `<h1>Sign out of ${escapeHtml(host)}?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`,
  );
}

/** Shown after signing out when the app gave no place to return to. */
export function loggedOutPage(): string {
  return layout('Signed out', '<h1>You are signed out</h1><p>You can close this window.</p>');
}
