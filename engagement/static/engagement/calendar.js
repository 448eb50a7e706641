// "Copy link" on event pages: the button appears only where the Clipboard API exists; without
// it (or without JavaScript) the link stays in a read-only field the reader can copy.
const script = document.currentScript || document.querySelector("script[data-copied]");
const copiedText = script ? script.dataset.copied : "";
for (const box of document.querySelectorAll("[data-eg-copy]")) {
    const button = box.querySelector("[data-eg-copy-button]");
    const input = box.querySelector("input");
    const status = box.querySelector("[data-eg-copy-status]");
    if (!button || !input || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
        try {
            await navigator.clipboard.writeText(input.value);
            status.textContent = copiedText;
        } catch {
            input.select();
        }
    });
}
