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

// "Copy" next to an issued profile link: puts the link on the clipboard (the field stays selectable without it).
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-copy]').forEach(button => {
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copy);
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
      } catch (e) {
        document.execCommand('copy');
      }
      button.textContent = button.dataset.copied;
    });
  });
});

// A page that shows work in progress (a projection rebuild) reloads itself every few seconds until it is done.
document.addEventListener('DOMContentLoaded', () => {
  const main = document.querySelector('main[data-refresh]');
  if (main) {
    setTimeout(() => window.location.reload(), Number(main.dataset.refresh) * 1000);
  }
});
