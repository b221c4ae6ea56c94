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
