// The gallery's lightbox: a native <dialog> per gallery, no framework.
// Without this script every thumbnail stays a plain link to the larger image.
// Loaded as a module, so it runs once however many galleries a page has.

function setUp(gallery) {
    const dialog = gallery.querySelector("dialog.eg-lightbox");
    const links = Array.from(gallery.querySelectorAll("a[data-eg-index]"));
    if (!dialog || !links.length || typeof dialog.showModal !== "function") return;
    const image = dialog.querySelector("[data-eg-image]");
    const caption = dialog.querySelector("[data-eg-caption]");
    const counter = dialog.querySelector("[data-eg-counter]");
    let current = 0;

    function show(index) {
        current = (index + links.length) % links.length;
        const link = links[current];
        image.src = link.href;
        image.alt = link.dataset.egAlt || "";
        image.width = Number(link.dataset.egWidth) || 0;
        image.height = Number(link.dataset.egHeight) || 0;
        caption.textContent = link.dataset.egCaption || "";
        caption.hidden = !caption.textContent;
        counter.textContent = `${current + 1} / ${links.length}`;
    }

    links.forEach((link, index) => {
        link.addEventListener("click", (event) => {
            if (event.ctrlKey || event.metaKey || event.shiftKey || event.button > 0) return;
            event.preventDefault();
            show(index);
            dialog.showModal();
        });
    });
    dialog.querySelector("[data-eg-previous]").addEventListener("click", () => show(current - 1));
    dialog.querySelector("[data-eg-next]").addEventListener("click", () => show(current + 1));
    // A click on the backdrop (the dialog element itself, outside its content) closes it.
    dialog.addEventListener("click", (event) => {
        if (event.target === dialog) dialog.close();
    });
    // Focus goes back to the thumbnail of the image shown last, so that keyboard users
    // continue where they were in the gallery.
    dialog.addEventListener("close", () => links[current].focus());
    dialog.egMove = (step) => show(current + step);
}

document.querySelectorAll("[data-eg-gallery]").forEach(setUp);

// Arrow keys are read on the document: inside a modal dialog key events may target the
// document body rather than the dialog, depending on where focus is.
document.addEventListener("keydown", (event) => {
    const dialog = document.querySelector("dialog.eg-lightbox[open]");
    if (!dialog || !dialog.egMove) return;
    if (event.key === "ArrowRight") {
        event.preventDefault();
        dialog.egMove(1);
    } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        dialog.egMove(-1);
    }
});
