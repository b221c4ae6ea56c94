// Sends the CSRF token with every htmx request (forms carry it as a hidden field).
document.addEventListener('htmx:configRequest', function (e) {
  var header = document.querySelector('meta[name="csrf-header"]');
  var token = document.querySelector('meta[name="csrf-token"]');
  if (header && token) { e.detail.headers[header.content] = token.content; }
});
// "Select all" checkboxes: <input type="checkbox" data-select-all="name-of-row-checkboxes">
document.addEventListener('change', function (e) {
  var name = e.target.getAttribute && e.target.getAttribute('data-select-all');
  if (!name) { return; }
  document.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (box) { box.checked = e.target.checked; });
});
// A failed htmx request never passes silently: a banner says so (the server answers an ended session with HX-Redirect,
// which htmx follows before this; a 403 after a stale page or a 500 lands here, as does a lost connection).
(function () {
  function banner(text) {
    var box = document.getElementById('banner');
    if (!box) { return; }
    box.textContent = text + ' ';
    var reload = document.createElement('a');
    reload.href = window.location.href;
    reload.textContent = 'Reload the page';
    box.appendChild(reload);
    box.hidden = false;
  }
  // a request the server could not read (400, 413: too many fields, a malformed value) answers with the error page,
  // whose heading and first paragraph say what was wrong and what to do
  function refusal(xhr) {
    if (!xhr || (xhr.status !== 400 && xhr.status !== 413) || !/text\/html/.test(xhr.getResponseHeader('Content-Type') || '')) {
      return null;
    }
    var page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
    var heading = page.querySelector('main h1');
    var text = page.querySelector('main h1 + p');
    return heading && text ? heading.textContent + ': ' + text.textContent : null;
  }
  document.addEventListener('htmx:responseError', function (e) {
    var xhr = e.detail.xhr;
    var status = xhr ? xhr.status : 0;
    banner(refusal(xhr) || (status === 401 || status === 403
      ? 'Your session has ended or this page is out of date — your change was not saved.'
      : 'Something went wrong — your change may not have been saved.'));
  });
  document.addEventListener('htmx:sendError', function () {
    banner('Something went wrong — your change may not have been saved. Check your connection.');
  });
})();
