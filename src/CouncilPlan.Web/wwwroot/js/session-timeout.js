// Warns a signed-in member of staff before their session ends and lets them stay signed in
// (WCAG 2.2.1 Timing Adjustable). Without JavaScript the notice on every workspace page and its
// "Stay signed in" button do the same job. Tabs share the latest end time through localStorage,
// so working in one tab does not get the others signed out.
(function () {
  'use strict';

  var root = document.getElementById('councilplan-session');
  if (!root || !window.fetch) {
    return;
  }

  var key = 'councilplan.session-ends';
  var timeout = parseInt(root.getAttribute('data-timeout-seconds'), 10) * 1000;
  var warning = parseInt(root.getAttribute('data-warning-seconds'), 10) * 1000;
  var signedOutUrl = root.getAttribute('data-signed-out-url');
  var banner = document.getElementById('councilplan-session-warning');
  var status = document.getElementById('councilplan-session-status');
  var warned = false;

  function remember(endsAt) {
    try {
      var known = parseInt(window.localStorage.getItem(key) || '0', 10);
      if (endsAt > known) {
        window.localStorage.setItem(key, String(endsAt));
      }
    } catch (e) {
      // Storage can be switched off; each tab then keeps its own time.
    }
  }

  function endsAt() {
    var mine = ownEnd;
    try {
      var shared = parseInt(window.localStorage.getItem(key) || '0', 10);
      return Math.max(mine, shared);
    } catch (e) {
      return mine;
    }
  }

  function showEnd(text) {
    var nodes = root.querySelectorAll('[data-session-end], [data-session-end-text]');
    for (var i = 0; i < nodes.length; i++) {
      nodes[i].textContent = text;
    }
  }

  var ownEnd = Date.now() + timeout;
  remember(ownEnd);

  function tick() {
    var left = endsAt() - Date.now();
    if (left <= 0) {
      window.location.href = signedOutUrl;
      return;
    }

    if (left <= warning && !warned) {
      warned = true;
      banner.hidden = false;
      banner.focus();
    } else if (left > warning && warned) {
      warned = false;
      banner.hidden = true;
    }
  }

  function extend(event) {
    var form = event.currentTarget;
    event.preventDefault();
    window.fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      redirect: 'manual'
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('not extended');
      }
      return response.json();
    }).then(function (session) {
      ownEnd = Date.now() + session.timeout_seconds * 1000;
      remember(ownEnd);
      showEnd(session.ends_at_text);
      warned = false;
      banner.hidden = true;
      status.textContent = 'You are still signed in. We will sign you out at ' + session.ends_at_text + ' if you do nothing.';
    }).catch(function () {
      // Fall back to the ordinary form, which works without this script.
      form.submit();
    });
  }

  var forms = root.querySelectorAll('form[data-session-extend]');
  for (var i = 0; i < forms.length; i++) {
    forms[i].addEventListener('submit', extend);
  }

  window.setInterval(tick, 5000);
})();
