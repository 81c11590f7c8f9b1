/** The Content-Security-Policy of the page (also in index.html as a meta tag). */
export const CONTENT_SECURITY_POLICY: string;
/** Headers for every response of our servers, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>>;
