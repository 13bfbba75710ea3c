// "Copy" buttons: copy the text of the field named by data-copy-target. The page works without this.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const field = document.getElementById(button.dataset.copyTarget);
  const status = document.querySelector(".copy-status");
  try {
    await navigator.clipboard.writeText(field.value);
    if (status) status.textContent = "Copied.";
  } catch (error) {
    field.select();
    if (status) status.textContent = "Press Ctrl+C (or ⌘C) to copy.";
  }
});
