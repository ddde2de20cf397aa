// AWS Signature Version 4 for the console's fetches, with WebCrypto only (no library). It signs the way the AWS CLI
// does for service execute-api: the signed headers are host and x-amz-date, and the canonical request ends with the
// SHA-256 of the body. The gateway verifies it with the same rules as every other @connections client.
'use strict';

const SigV4 = (() => {
  const encoder = new TextEncoder();
  const UNRESERVED = /[A-Za-z0-9\-_.~]/;

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), b => b.toString(16).padStart(2, '0')).join('');
  }

  async function sha256Hex(text) {
    return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  }

  async function hmac(key, text) {
    const raw = typeof key === 'string' ? encoder.encode(key) : key;
    const cryptoKey = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text));
  }

  // RFC 3986 percent-encoding of every UTF-8 byte except the unreserved characters (and '/' when keepSlash).
  function uriEncode(text, keepSlash) {
    let out = '';
    for (const b of encoder.encode(text)) {
      const c = String.fromCharCode(b);
      out += UNRESERVED.test(c) || (keepSlash && c === '/') ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return out;
  }

  // Non-S3 services encode the path twice: the browser sends it encoded once, so encode what it sends once more.
  function canonicalUri(url) {
    return uriEncode(url.pathname || '/', true);
  }

  function canonicalQuery(url) {
    const pairs = [...new URLSearchParams(url.search)].map(([k, v]) => [uriEncode(k), uriEncode(v)]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return pairs.map(([k, v]) => k + '=' + v).join('&');
  }

  function amzDate(now) {
    return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  }

  /**
   * Returns the headers that sign a request: X-Amz-Date and Authorization.
   * request: { method, url (absolute or relative to the page), body (string, default '') }
   * key: { accessKeyId, secretAccessKey, region }
   */
  async function sign(request, key, now = new Date()) {
    const url = new URL(request.url, location.href);
    const date = amzDate(now);
    const day = date.slice(0, 8);
    const scope = `${day}/${key.region}/execute-api/aws4_request`;
    const canonicalRequest = [
      request.method.toUpperCase(),
      canonicalUri(url),
      canonicalQuery(url),
      `host:${url.host}\nx-amz-date:${date}\n`,
      'host;x-amz-date',
      await sha256Hex(request.body || ''),
    ].join('\n');
    const stringToSign = ['AWS4-HMAC-SHA256', date, scope, await sha256Hex(canonicalRequest)].join('\n');
    let signingKey = await hmac('AWS4' + key.secretAccessKey, day);
    for (const part of [key.region, 'execute-api', 'aws4_request']) {
      signingKey = await hmac(signingKey, part);
    }
    const signature = hex(await hmac(signingKey, stringToSign));
    return {
      'X-Amz-Date': date,
      Authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/${scope}, `
        + `SignedHeaders=host;x-amz-date, Signature=${signature}`,
    };
  }

  return { sign, uriEncode };
})();
