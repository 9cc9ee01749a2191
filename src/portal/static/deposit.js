// The deposit pages' progressive enhancements; every form also works without them.
// - Deposit form: focusing a field outlines where its value was read on the page preview.
// - Batch table: "Déposer" sends the rows one at a time, showing progress, and puts each row's
//   result in place as it arrives; one refused or failed row never stops the others.
'use strict';

(function () {
  function outlineFieldOnPreview() {
    document.addEventListener('focusin', function (event) {
      var id = event.target && event.target.id;
      document.querySelectorAll('.choral-mark').forEach(function (mark) {
        mark.classList.toggle('choral-mark-active', Boolean(id) && mark.dataset.field === id);
      });
    });
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  async function sendRow(form, index) {
    var data = new FormData(form);
    data.append('ligne', index);
    var response = await fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin' });
    if (!response.ok && response.status !== 422) throw new Error('HTTP ' + response.status);
    var page = new DOMParser().parseFromString(await response.text(), 'text/html');
    var fresh = page.getElementById('ligne-' + index);
    if (!fresh) throw new Error('no row ' + index + ' in the answer');
    document.getElementById('ligne-' + index).replaceWith(document.importNode(fresh, true));
  }

  // The summary above the table, counted from the rows as they are now.
  function updateSummary(form) {
    var count = function (state) {
      return form.querySelectorAll('tr[data-state="' + state + '"]').length;
    };
    document.getElementById('lot-resume').textContent = format(form.dataset.summaryText, {
      deposited: count('deposited'), to_fix: count('to-fix'), pending: count('pending')
    });
  }

  function depositBatchRowByRow() {
    var form = document.getElementById('lot');
    if (!form || !window.fetch || !window.DOMParser) return;
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      var rows = Array.from(form.querySelectorAll('tr[data-pending="oui"]'));
      var zone = document.getElementById('lot-progression-zone');
      var bar = document.getElementById('lot-progression');
      var status = document.getElementById('lot-etat');
      var button = form.querySelector('button[type="submit"]');
      zone.hidden = false;
      bar.max = rows.length;
      bar.value = 0;
      if (button) button.disabled = true;
      for (var i = 0; i < rows.length; i++) {
        status.textContent = format(form.dataset.progressText, { done: i, total: rows.length });
        try {
          await sendRow(form, rows[i].dataset.ligne);
        } catch (error) {
          // The row stays as it was; the others go on, and the plain form can send it again.
          rows[i].classList.add('table-danger');
        }
        bar.value = i + 1;
        updateSummary(form);
      }
      status.textContent = format(form.dataset.doneText, { total: rows.length });
      if (button) button.disabled = !form.querySelector('tr[data-pending="oui"]');
    });
  }

  outlineFieldOnPreview();
  depositBatchRowByRow();
})();
