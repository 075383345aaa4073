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
const widgets = document.querySelectorAll("altcha-widget[data-pbkdf2-worker]");
const workerUrl = widgets[0]?.dataset.pbkdf2Worker;
if (workerUrl && globalThis.$altcha) {
  for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"]) {
    globalThis.$altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
  }
}

// Nobody is stopped by the guard's own failure. The widget makes its checkbox required,
// so a proof of work that cannot be done here (an old browser, a challenge that did not
// arrive) would keep the form from being sent: the widget is taken away instead, and the
// form goes without an answer, as from a browser without JavaScript (accepted, flagged
// for the secretariat). A challenge that expired while the form was open is solved again,
// a few times at most: a browser whose clock is far ahead finds every challenge expired.
const RESOLVES = 3;
for (const widget of widgets) {
  let resolves = 0;
  widget.addEventListener("statechange", (event) => {
    const state = event.detail?.state;
    if (state === "expired" && resolves < RESOLVES) {
      resolves += 1;
      widget.verify();
    } else if (state === "error" || state === "expired") {
      widget.closest(".spam-guard")?.remove();
    }
  });
}
