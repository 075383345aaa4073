// The spam guard's widget (templates/includes/spam_guard.html, symbiosis/spam.py).
//
// ALTCHA's "external" build brings no Web Worker of its own (its default build makes
// them from blob: URLs, which our Content-Security-Policy refuses). This registers the
// PBKDF2 worker from our static files instead: a same-origin script, allowed by
// script-src 'self', which worker-src falls back to. The widget's element names the
// worker's address (data-pbkdf2-worker: the hashed static file name).
//
// Loaded as a module after altcha.min.js: by then `$altcha` exists, and the widget has
// not asked for a worker yet (it does once its challenge has arrived).
const widget = document.querySelector("altcha-widget[data-pbkdf2-worker]");
const workerUrl = widget?.dataset.pbkdf2Worker;
if (workerUrl && globalThis.$altcha) {
  for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
    globalThis.$altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
  }
}
