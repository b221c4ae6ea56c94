// Upload page: refuses files larger in all than the server accepts (data-max-bytes) before sending them, with the message
// next to the field; the server answers such an upload the same way without this script (console.imports.UploadTooLarge).
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (form.id !== 'upload-form') { return; }
  var max = Number(form.getAttribute('data-max-bytes'));
  var input = form.querySelector('input[type="file"]');
  var error = document.getElementById('size-error');
  var total = 0;
  Array.prototype.forEach.call(input.files, function (f) { total += f.size; });
  if (max > 0 && total > max) {
    e.preventDefault();
    error.textContent = 'Nothing was uploaded: the files are ' + size(total) + ' in all, larger than the ' + size(max)
      + ' this page accepts. Upload them as one zip (CSV compresses well), or split a delta into several uploads.';
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'file-hint size-error');
    input.focus();
    return;
  }
  error.hidden = true;
  var button = form.querySelector('button[type="submit"]');
  if (button) { button.disabled = true; button.textContent = 'Uploading…'; }
});
function size(bytes) {
  var units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  var v = bytes, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? bytes + ' bytes' : (v === Math.round(v) ? v : v.toFixed(1)) + ' ' + units[u];
}
