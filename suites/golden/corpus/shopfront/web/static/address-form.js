// Client-side checks on the delivery address step; the server validates again.
const POSTAL = {
  DE: /^\d{5}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  FR: /^\d{5}$/,
};

function fieldError(input, message) {
  input.setCustomValidity(message || "");
  input.reportValidity();
}

function checkCode(form) {
  const country = form.elements.country.value;
  const input = form.elements.postal_code;
  const pattern = POSTAL[country];
  const ok = !pattern || pattern.test(input.value.trim());
  fieldError(input, ok ? "" : input.dataset.errorMessage);
  return ok;
}

function toggleLocker(form) {
  const locker = form.elements.packstation;
  locker.disabled = form.elements.country.value !== "DE";
  if (locker.disabled) locker.checked = false;
}

document.querySelectorAll("form[data-address]").forEach((form) => {
  form.elements.country.addEventListener("change", () => { toggleLocker(form); checkCode(form); });
  form.elements.postal_code.addEventListener("blur", () => checkCode(form));
  form.addEventListener("submit", (e) => { if (!checkCode(form)) e.preventDefault(); });
  toggleLocker(form);
});
