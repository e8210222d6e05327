// Progressive enhancement: the legal-basis field opens its dialog in place. Without JavaScript the links load the
// page with the dialog rendered open, and "Close" loads it without.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-dialog]').forEach(field => {
    const dialog = document.getElementById(field.dataset.dialog);
    if (!dialog || typeof dialog.showModal !== 'function') {
      return;
    }
    if (dialog.hasAttribute('open')) {
      dialog.removeAttribute('open');
      dialog.showModal();
    }
    field.addEventListener('click', event => {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.querySelectorAll('[data-close]').forEach(close => close.addEventListener('click', event => {
      event.preventDefault();
      dialog.close();
    }));
  });
});
