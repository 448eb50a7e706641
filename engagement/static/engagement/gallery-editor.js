// The GalleryBlock's editor: Wagtail's StructBlock form plus an "Add several images" button
// under the list of images. The button opens Wagtail's image chooser with multiple selection
// (and its upload tab); the images come back in the order the editor ticked them and are
// appended to the list as new items, their alt text and caption ready to fill.
// Registered for telepath by engagement.blocks.GalleryBlockAdapter.

(() => {
    const { StructBlockDefinition } = window.wagtailStreamField.blocks;

    // The order in which the editor ticked the images of the open chooser (ids as strings).
    // Wagtail returns a multiple choice in database order, so the click order is kept here.
    let tickOrder = [];

    function showTickOrder(root) {
        root.querySelectorAll("input[data-multiple-choice-select]").forEach((input) => {
            const label = input.closest("label") || input.parentElement;
            let badge = label.querySelector("[data-eg-tick-order]");
            const position = tickOrder.indexOf(input.value);
            if (position === -1) {
                if (badge) badge.remove();
                return;
            }
            if (!badge) {
                badge = document.createElement("span");
                badge.dataset.egTickOrder = "";
                badge.className = "w-status w-status--primary";
                badge.style.marginInlineStart = "0.5em";
                label.append(badge);
            }
            badge.textContent = String(position + 1);
        });
    }

    document.addEventListener("change", (event) => {
        const input = event.target;
        if (!(input instanceof HTMLInputElement) || !input.matches("[data-multiple-choice-select]")) {
            return;
        }
        tickOrder = tickOrder.filter((id) => id !== input.value);
        if (input.checked) tickOrder.push(input.value);
        showTickOrder(input.closest(".modal, [role=dialog]") || document);
    });

    function newId() {
        if (window.crypto && typeof window.crypto.randomUUID === "function") {
            return window.crypto.randomUUID();
        }
        return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
            const r = Math.floor(Math.random() * 16);
            return (c === "x" ? r : (r % 4) + 8).toString(16);
        });
    }

    function isEmptyItem(child) {
        const state = child.block.getState();
        return !state.image && !state.alt_text && !state.caption;
    }

    function inTickOrder(images) {
        const rank = (image) => {
            const position = tickOrder.indexOf(String(image.id));
            return position === -1 ? tickOrder.length : position;
        };
        // Array.prototype.sort is stable: images not ticked (an upload) keep their order.
        return [...images].sort((a, b) => rank(a) - rank(b));
    }

    function appendImages(list, images, button) {
        // A new gallery starts with one empty item: the chosen images take its place.
        for (let index = list.children.length - 1; index >= 0; index -= 1) {
            if (isEmptyItem(list.children[index])) list.deleteBlock(index);
        }
        const first = list.children.length;
        images.forEach((image) => {
            list.insert(
                { image, alt_text: "", decorative: false, caption: "" },
                list.children.length,
                { id: newId() },
            );
        });
        const added = list.children[first];
        if (!added) return;
        const focusAltText = () => added.block.childBlocks.alt_text.focus();
        focusAltText();
        // The closing chooser hands focus back to the button afterwards: pass it on once.
        button.addEventListener("focus", focusAltText, { once: true });
        setTimeout(() => button.removeEventListener("focus", focusAltText), 1000);
    }

    class GalleryBlockDefinition extends StructBlockDefinition {
        render(placeholder, prefix, initialState, initialError) {
            const block = super.render(placeholder, prefix, initialState, initialError);
            const options = this.meta.addImages;
            const list = block.childBlocks.images;
            if (!options || !list || typeof window.ImageChooserModal !== "function") return block;

            const wrapper = document.createElement("div");
            wrapper.className = "w-mt-4 w-mb-6";
            const button = document.createElement("button");
            button.type = "button";
            button.className = "button button-small button-secondary chooser__choose-button";
            button.dataset.egAddImages = "";
            button.id = `${prefix}-add-images`;
            button.innerHTML =
                '<svg class="icon icon-image" aria-hidden="true">' +
                '<use href="#icon-image"></use></svg>';
            button.append(document.createTextNode(options.label));
            const help = document.createElement("p");
            help.className = "help";
            help.id = `${prefix}-add-images-help`;
            help.textContent = options.help;
            button.setAttribute("aria-describedby", help.id);
            wrapper.append(button, help);
            list.container[0].after(wrapper);

            button.addEventListener("click", () => {
                tickOrder = [];
                const modal = new window.ImageChooserModal(options.chooserUrl);
                modal.open({ multiple: true }, (result) => {
                    const images = Array.isArray(result) ? result : [result];
                    appendImages(list, inTickOrder(images.filter(Boolean)), button);
                    tickOrder = [];
                });
            });
            return block;
        }
    }

    window.telepath.register("engagement.blocks.GalleryBlock", GalleryBlockDefinition);
})();
