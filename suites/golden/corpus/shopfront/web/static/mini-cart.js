// Keeps the cart icon in the header in sync without reloading the page.
(function () {
  const badge = document.querySelector("[data-cart-count]");
  const totalEl = document.querySelector("[data-cart-total]");

  function euros(cents, locale) {
    return new Intl.NumberFormat(locale || "de-DE", { style: "currency", currency: "EUR" }).format(cents / 100);
  }

  function render(cart) {
    const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
    badge.textContent = count > 99 ? "99+" : String(count);
    badge.hidden = count === 0;
    totalEl.textContent = euros(cart.subtotal_cents, document.documentElement.lang);
  }

  async function refresh() {
    const res = await fetch("/api/cart", { credentials: "same-origin" });
    if (res.ok) render(await res.json());
  }

  document.addEventListener("cart:changed", refresh);
  window.addEventListener("pageshow", (e) => { if (e.persisted) refresh(); });
  refresh();
})();
